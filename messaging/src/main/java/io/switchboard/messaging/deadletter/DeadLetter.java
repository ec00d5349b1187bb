package io.switchboard.messaging.deadletter;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds the dead letter of a record read from a topic or of an outbox row Kafka refused: the original value and
 * headers, byte for byte, plus the {@link DeadLetterHeaders}.
 */
public final class DeadLetter {

    /** Longest reason kept: the headers must stay far below the broker's record limit. */
    static final int MAX_REASON_CHARS = 2000;

    private DeadLetter() {
    }

    public static ProducerRecord<String, byte[]> ofRecord(String deadLetterTopic, String service,
            ConsumerRecord<String, byte[]> input, String reason, String errorClass) {
        ProducerRecord<String, byte[]> letter = letter(deadLetterTopic, input.key(), input.value(), input.headers(),
                reason, errorClass, input.topic(), service);
        letter.headers().add(DeadLetterHeaders.SOURCE_PARTITION, utf8(String.valueOf(input.partition())))
                .add(DeadLetterHeaders.SOURCE_OFFSET, utf8(String.valueOf(input.offset())));
        return letter;
    }

    public static ProducerRecord<String, byte[]> ofOutboxRow(String deadLetterTopic, String service, long outboxId,
            String topic, String key, byte[] value, Headers headers, String reason, String errorClass) {
        ProducerRecord<String, byte[]> letter = letter(deadLetterTopic, key, value, headers, reason, errorClass, topic,
                service);
        letter.headers().add(DeadLetterHeaders.OUTBOX_ID, utf8(String.valueOf(outboxId)));
        return letter;
    }

    /** The error class header for a failure: the innermost cause names what decided it. */
    public static String errorClass(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getName();
    }

    /** A reason a person can read: the failure and its causes' messages, bounded. */
    public static String reason(Throwable failure) {
        StringBuilder reason = new StringBuilder();
        for (Throwable cause = failure; cause != null && reason.length() < MAX_REASON_CHARS; cause = cause.getCause()) {
            if (!reason.isEmpty()) {
                reason.append(" <- ");
            }
            reason.append(cause.getClass().getSimpleName());
            if (cause.getMessage() != null) {
                reason.append(": ").append(cause.getMessage());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return reason.toString();
    }

    private static ProducerRecord<String, byte[]> letter(String deadLetterTopic, String key, byte[] value,
            Headers original, String reason, String errorClass, String sourceTopic, String service) {
        RecordHeaders headers = new RecordHeaders(original == null ? new RecordHeaders().toArray() : original.toArray());
        byte[] kept = value;
        if (value != null && value.length > DeadLetterHeaders.MAX_VALUE_BYTES) {
            kept = Arrays.copyOf(value, DeadLetterHeaders.MAX_VALUE_BYTES);
            headers.add(DeadLetterHeaders.TRUNCATED, utf8(String.valueOf(value.length)));
        }
        String bounded = reason.length() > MAX_REASON_CHARS ? reason.substring(0, MAX_REASON_CHARS) : reason;
        headers.add(DeadLetterHeaders.REASON, utf8(bounded))
                .add(DeadLetterHeaders.ERROR_CLASS, utf8(errorClass))
                .add(DeadLetterHeaders.SOURCE_TOPIC, utf8(sourceTopic))
                .add(DeadLetterHeaders.SERVICE, utf8(service))
                .add(DeadLetterHeaders.AT, utf8(Instant.now().toString()));
        return new ProducerRecord<>(deadLetterTopic, null, key, kept, headers);
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }
}
