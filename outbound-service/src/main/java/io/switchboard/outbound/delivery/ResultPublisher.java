package io.switchboard.outbound.delivery;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.header.Headers;
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

/**
 * Publishes results (CloudEvents on {@code switchboard.outbound-results.v1}) and dead letters. Results are published
 * after the database commit that decided them; their ids are derived from the command and the outcome, so
 * publishing one again after a crash gives consumers the same {@code ce_id} to deduplicate on.
 */
@ApplicationScoped
public class ResultPublisher {

    static final String SOURCE = "/switchboard/outbound-service";
    static final String DLQ_REASON = "sb_dlq_reason";
    static final String DLQ_CATEGORY = "sb_dlq_category";
    static final String DLQ_CODE = "sb_dlq_code";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final MutinyEmitter<byte[]> emitter;
    private final DeliveryMetrics metrics;

    public ResultPublisher(@Channel("results") MutinyEmitter<byte[]> emitter, DeliveryMetrics metrics) {
        this.emitter = emitter;
        this.metrics = metrics;
    }

    /** Completes when Kafka acknowledged the result. */
    public Uni<Void> publish(OutboundResultEvent result) {
        return send(Topics.OUTBOUND_RESULTS, result.conversationKey(), CloudEventCodec.data(result),
                CloudEventCodec.headers(result, SOURCE));
    }

    public void publishAndWait(OutboundResultEvent result) {
        publish(result).await().atMost(TIMEOUT);
    }

    /** The command, byte for byte with its headers, plus why it failed for good. */
    public void deadLetterAndWait(Command command, DeliveryFailed failure) {
        String code = failure.code() == null ? null
                : failure.code() + (failure.subcode() == null ? "" : "/" + failure.subcode());
        deadLetterAndWait(command.key(), command.value(), command.headers(), failure.reason(),
                failure.category().wireName(), code);
    }

    /** A record that is not a readable command. */
    public void deadLetterAndWait(String key, byte[] value, Headers original, String reason, String category,
            String code) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null) {
            original.forEach(header -> {
                if (!header.key().startsWith("sb_dlq_")) {
                    headers.add(header);
                }
            });
        }
        headers.add(DLQ_REASON, reason.getBytes(StandardCharsets.UTF_8));
        headers.add(DLQ_CATEGORY, category.getBytes(StandardCharsets.UTF_8));
        if (code != null) {
            headers.add(DLQ_CODE, code.getBytes(StandardCharsets.UTF_8));
        }
        send(Topics.OUTBOUND_DEAD_LETTER, key, value, headers).await().atMost(TIMEOUT);
        metrics.deadLettered(category);
    }

    private Uni<Void> send(String topic, String key, byte[] value, Headers headers) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(topic).withKey(key).withHeaders(headers).build();
        return emitter.sendMessage(Message.of(value).addMetadata(metadata));
    }
}
