package io.switchboard.outbound.admin;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyRequested;

/** Publishes proactive commands to {@code switchboard.outbound.v1} as CloudEvents keyed by sender ({@link ReplyRequested#recordKey}). */
@ApplicationScoped
public class ProactivePublisher {

    static final String CHANNEL = "proactive";
    static final String SOURCE = "/switchboard/outbound-service/admin";

    private final MutinyEmitter<byte[]> emitter;

    public ProactivePublisher(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter) {
        this.emitter = emitter;
    }

    /** Completes when Kafka acknowledged the command (acks=all). */
    public Uni<Void> publish(ReplyRequested command) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(command.recordKey()).withHeaders(CloudEventCodec.headers(command, SOURCE)).build();
        return emitter.sendMessage(Message.of(CloudEventCodec.data(command)).addMetadata(metadata));
    }
}
