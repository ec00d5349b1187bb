package io.switchboard.agent.erasure;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.Intake;
import io.switchboard.events.ErasureCompleted;

/**
 * The services' answers to erasures ({@code switchboard.erasure-results.v1}) into their status, once per event id
 * (the inbox claim of {@link Intake}), so an answer that comes again changes nothing.
 */
@ApplicationScoped
public class ErasureResultsListener {

    public static final String CHANNEL = "erasure-results";

    private final Intake intake;
    private final ErasureService erasures;

    public ErasureResultsListener(Intake intake, ErasureService erasures) {
        this.intake = intake;
        this.erasures = erasures;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return intake.handle(CHANNEL, record, ErasureCompleted.class, erasures::record);
    }
}
