package io.switchboard.messaging.deadletter;

/**
 * The {@code sb_dlq_} headers every dead letter carries on top of the original record's headers, the same in every
 * service; {@code docs/asyncapi.yaml} documents them as {@code DeadLetterHeaders} (ADR 0003).
 */
public final class DeadLetterHeaders {

    public static final String REASON = "sb_dlq_reason";
    public static final String ERROR_CLASS = "sb_dlq_error_class";
    public static final String SOURCE_TOPIC = "sb_dlq_source_topic";
    public static final String SOURCE_PARTITION = "sb_dlq_source_partition";
    public static final String SOURCE_OFFSET = "sb_dlq_source_offset";
    public static final String OUTBOX_ID = "sb_dlq_outbox_id";
    public static final String SERVICE = "sb_dlq_service";
    public static final String AT = "sb_dlq_at";
    public static final String TRUNCATED = "sb_dlq_truncated";
    /** The error class of a refusal that no exception decided (a rule of the consumer). */
    public static final String VALIDATION = "validation";
    /** A value larger than this is cut to it, so the dead letter itself fits the broker's limit. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private DeadLetterHeaders() {
    }
}
