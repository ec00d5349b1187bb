package io.switchboard.outbound.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.messaging.deadletter.DeadLetters;

/**
 * Publishes results (CloudEvents on {@code switchboard.outbound-results.v1}) and the dead letters of commands that
 * failed for good. Results are published after the database commit that decided them; their ids are derived from
 * the command and the outcome, so publishing one again after a crash gives consumers the same {@code ce_id} to
 * deduplicate on. Dead letters are in the one format of every service ({@link DeadLetters}, docs/asyncapi.yaml
 * {@code DeadLetterHeaders}), plus outbound's {@code sb_dlq_category} and {@code sb_dlq_code}.
 */
@ApplicationScoped
public class ResultPublisher {

    static final String SOURCE = "/switchboard/outbound-service";
    static final String DLQ_CATEGORY = "sb_dlq_category";
    static final String DLQ_CODE = "sb_dlq_code";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<byte[]> emitter;
    private final DeadLetters deadLetters;
    private final DeliveryMetrics metrics;

    public ResultPublisher(@Channel("results") MutinyEmitter<byte[]> emitter, DeadLetters deadLetters,
            DeliveryMetrics metrics) {
        this.emitter = emitter;
        this.deadLetters = deadLetters;
        this.metrics = metrics;
    }

    /** Completes when Kafka acknowledged the result. */
    public Uni<Void> publish(OutboundResultEvent result) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(Topics.OUTBOUND_RESULTS).withKey(result.conversationKey())
                .withHeaders(CloudEventCodec.headers(result, SOURCE)).build();
        return emitter.sendMessage(Message.of(CloudEventCodec.data(result)).addMetadata(metadata));
    }

    public void publishAndWait(OutboundResultEvent result) {
        publish(result).await().atMost(TIMEOUT);
    }

    /** The command, byte for byte with its headers, plus why it failed for good; returns once the broker has it. */
    public void deadLetterAndWait(Command command, DeliveryFailed failure) {
        RecordHeaders headers = new RecordHeaders();
        if (command.headers() != null) {
            // A command set aside before (and replayed) carries old letter headers: this letter says why now.
            command.headers().forEach(header -> {
                if (!header.key().startsWith("sb_dlq_")) {
                    headers.add(header);
                }
            });
        }
        headers.add(DLQ_CATEGORY, utf8(failure.category().wireName()));
        if (failure.code() != null) {
            headers.add(DLQ_CODE, utf8(failure.code() + (failure.subcode() == null ? "" : "/" + failure.subcode())));
        }
        // No exception decided it: the channel (or a rule of ours) refused the command.
        deadLetters.record(command.record(headers), failure.reason(), DeadLetterHeaders.VALIDATION);
        metrics.deadLettered(failure.category().wireName());
    }

    /** A command the delivery could not use at all (the policy's poison): set aside with the failure. */
    public void deadLetterAndWait(Command command, Throwable failure) {
        deadLetters.record(command.record(null), failure);
        metrics.deadLettered("poison");
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
