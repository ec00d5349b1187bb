package io.switchboard.ingress.normalize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.WindowStore;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.RawRef;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Topics;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.messaging.deadletter.DeadLetter;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.messaging.trace.TraceContext;

/**
 * Reads a raw webhook and forwards its events, keyed by conversation key, and the parts that could not be
 * normalized, keyed as the raw webhook was. A normalizer that throws (a bug, not bad input) sends the whole
 * webhook to the dead-letter topic instead of stopping the stream: the rest keeps flowing. Dead letters are built by
 * messaging's {@link DeadLetter}, so they carry the same {@code sb_dlq_*} headers as every other service's: the
 * reason, the error class ({@code validation} for a part the normalizer refused), the raw record's topic, partition
 * and offset (where the whole webhook is kept), the service and the time.
 */
final class NormalizeProcessor implements Processor<String, byte[], String, Normalization> {

    private static final Logger LOG = Logger.getLogger(NormalizeProcessor.class);

    private final Map<String, ChannelNormalizer> normalizers;
    private final NormalizationMetrics metrics;
    private final String service;
    private final Duration idempotencyHorizon;
    private ProcessorContext<String, Normalization> context;
    private WindowStore<String, String> requests;

    NormalizeProcessor(Map<String, ChannelNormalizer> normalizers, NormalizationMetrics metrics, String service,
            Duration idempotencyHorizon) {
        this.normalizers = normalizers;
        this.metrics = metrics;
        this.service = service;
        this.idempotencyHorizon = idempotencyHorizon;
    }

    @Override
    public void init(ProcessorContext<String, Normalization> context) {
        this.context = context;
        this.requests = context.getStateStore(RequestLedger.STORE);
    }

    @Override
    public void process(Record<String, byte[]> raw) {
        String channel = header(raw.headers(), RawWebhook.HEADER_CHANNEL, "unknown");
        ChannelNormalizer normalizer = normalizers.get(channel);
        if (normalizer == null) {
            metrics.ignored(channel, "object");
            return;
        }
        JsonNode body;
        try {
            body = normalizer.read(raw.value());
        } catch (Exception e) {
            deadLetter(raw, channel, "unreadable body: " + e.getMessage(), DeadLetter.errorClass(e), raw.value());
            return;
        }
        if (!firstOfItsRequest(raw, channel, body)) {
            return;
        }
        Normalized normalized;
        try {
            normalized = normalizer.normalize(body, context(raw));
        } catch (RuntimeException e) {
            LOG.errorf(e, "normalizer failed: channel=%s key=%s", channel, raw.key());
            deadLetter(raw, channel, "normalizer failed: " + DeadLetter.reason(e), DeadLetter.errorClass(e),
                    raw.value());
            return;
        }
        for (ConversationEvent event : normalized.events()) {
            // A channel's webhook must be acknowledged, so an event out of bounds is set aside here with the
            // reason instead of becoming a record no consumer can store.
            List<String> violations = EventBounds.violations(event);
            if (!violations.isEmpty()) {
                deadLetter(raw, channel, "input out of bounds in event " + bounded(event.eventId()) + ": "
                        + String.join("; ", violations), DeadLetterHeaders.VALIDATION, raw.value());
                continue;
            }
            context.forward(new Record<>(event.conversationKey(), Normalization.of(event), raw.timestamp(),
                    TraceContext.copy(raw.headers(), new RecordHeaders())));
        }
        for (Rejection rejection : normalized.rejections()) {
            deadLetter(raw, channel, rejection.reason(), DeadLetterHeaders.VALIDATION,
                    rejection.fragment().getBytes(StandardCharsets.UTF_8));
        }
        for (String ignored : normalized.ignored()) {
            metrics.ignored(channel, ignored);
        }
    }

    /**
     * A custom source request is normalized once per (source, Idempotency-Key): a repeat that reached the raw topic
     * anyway (another replica answered it, or the first answer was lost) is dropped; another body under a used key
     * is set aside, since the HTTP side refuses it with 409 whenever it knows the key. A replayed record
     * ({@code sb_replay}) passes: the dedupe on event ids decides what of it is new.
     */
    private boolean firstOfItsRequest(Record<String, byte[]> raw, String channel, JsonNode body) {
        String idempotencyKey = header(raw.headers(), RawWebhook.HEADER_IDEMPOTENCY_KEY, null);
        String source = header(raw.headers(), RawWebhook.HEADER_SOURCE, null);
        if (!"custom".equals(channel) || idempotencyKey == null || source == null) {
            return true;
        }
        if (header(raw.headers(), RawWebhook.HEADER_REPLAY, null) != null) {
            // An operator's replay of a stored request, not the client's: its events meet the event-id dedupe.
            return true;
        }
        String key = RequestLedger.key(source, idempotencyKey);
        String digest = RawWebhook.digest(channel, source, raw.value());
        Optional<RequestLedger.Entry> first = RequestLedger.find(requests, key, Instant.ofEpochMilli(raw.timestamp()),
                idempotencyHorizon);
        if (first.isEmpty()) {
            int accepted = body.has("events") ? body.get("events").size() : 1;
            requests.put(key, new RequestLedger.Entry(digest, accepted).encoded(), raw.timestamp());
            return true;
        }
        if (first.get().digest().equals(digest)) {
            metrics.duplicate(channel);
        } else {
            deadLetter(raw, channel, "Idempotency-Key " + bounded(idempotencyKey) + " of source " + bounded(source)
                    + " was used before with another body", DeadLetterHeaders.VALIDATION, raw.value());
        }
        return false;
    }

    private WebhookContext context(Record<String, byte[]> raw) {
        String source = header(raw.headers(), RawWebhook.HEADER_SOURCE, null);
        String receivedAt = header(raw.headers(), RawWebhook.HEADER_RECEIVED_AT, null);
        RawRef ref = context.recordMetadata()
                .map((RecordMetadata m) -> new RawRef(m.topic(), m.partition(), m.offset()))
                .orElse(null);
        return new WebhookContext(source,
                receivedAt == null ? Instant.ofEpochMilli(raw.timestamp()) : Instant.parse(receivedAt), ref);
    }

    private void deadLetter(Record<String, byte[]> raw, String channel, String reason, String errorClass,
            byte[] content) {
        metrics.deadLettered(channel);
        // The reason may quote the payload: it goes on the dead letter, not into the log.
        LOG.warnf("dead-lettered part of a webhook: channel=%s key=%s", channel, raw.key());
        RecordMetadata source = context.recordMetadata().orElseThrow();
        ConsumerRecord<String, byte[]> input = new ConsumerRecord<>(source.topic(), source.partition(),
                source.offset(), raw.timestamp(), TimestampType.CREATE_TIME, -1, -1, raw.key(), content,
                raw.headers(), Optional.empty());
        // The topic is the Streams sink's; only the value and headers of the built letter are used here.
        ProducerRecord<String, byte[]> letter = DeadLetter.ofRecord(Topics.INGRESS_DEAD_LETTER, service, input,
                reason, errorClass);
        context.forward(new Record<>(raw.key(), Normalization.dead(reason, letter.value()), raw.timestamp(),
                letter.headers()));
    }

    /** An id for a reason: the id itself may be what is out of bounds. */
    private static String bounded(String eventId) {
        String printable = String.valueOf(eventId).replace((char) 0, '?');
        return printable.length() > 100 ? printable.substring(0, 100) + "..." : printable;
    }

    private static String header(Headers headers, String name, String fallback) {
        String value = CloudEventCodec.header(headers, name);
        return value == null ? fallback : value;
    }
}
