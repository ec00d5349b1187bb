package io.switchboard.ingress.normalize;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.RawRef;
import io.switchboard.events.ConversationEvent;
import io.switchboard.ingress.webhook.RawWebhook;

/**
 * Reads a raw webhook and forwards its events, keyed by conversation key, and the parts that could not be
 * normalized, keyed as the raw webhook was. A normalizer that throws (a bug, not bad input) sends the whole
 * webhook to the dead-letter topic instead of stopping the stream: the rest keeps flowing.
 */
final class NormalizeProcessor implements Processor<String, byte[], String, Normalization> {

    /** Why a part was dead-lettered, for the person who reads it. */
    static final String DEAD_LETTER_REASON = "sb_dlq_reason";
    /** Where the whole webhook is kept: {@code topic/partition/offset} of the raw record. */
    static final String DEAD_LETTER_RAW = "sb_dlq_raw";

    private static final Logger LOG = Logger.getLogger(NormalizeProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, ChannelNormalizer> normalizers;
    private final NormalizationMetrics metrics;
    private ProcessorContext<String, Normalization> context;

    NormalizeProcessor(Map<String, ChannelNormalizer> normalizers, NormalizationMetrics metrics) {
        this.normalizers = normalizers;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Normalization> context) {
        this.context = context;
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
            body = JSON.readTree(raw.value());
        } catch (Exception e) {
            deadLetter(raw, channel, "malformed JSON: " + e.getMessage(), raw.value());
            return;
        }
        Normalized normalized;
        try {
            normalized = normalizer.normalize(body, context(raw));
        } catch (RuntimeException e) {
            LOG.errorf(e, "normalizer failed: channel=%s key=%s", channel, raw.key());
            deadLetter(raw, channel, "normalizer failed: " + e, raw.value());
            return;
        }
        for (ConversationEvent event : normalized.events()) {
            context.forward(new Record<>(event.conversationKey(), Normalization.of(event), raw.timestamp(),
                    TraceHeaders.of(raw.headers())));
        }
        for (Rejection rejection : normalized.rejections()) {
            deadLetter(raw, channel, rejection.reason(), rejection.fragment().getBytes(StandardCharsets.UTF_8));
        }
        for (String ignored : normalized.ignored()) {
            metrics.ignored(channel, ignored);
        }
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

    private void deadLetter(Record<String, byte[]> raw, String channel, String reason, byte[] content) {
        metrics.deadLettered(channel);
        // The reason may quote the payload: it goes on the dead letter, not into the log.
        LOG.warnf("dead-lettered part of a webhook: channel=%s key=%s", channel, raw.key());
        Headers headers = new RecordHeaders(raw.headers().toArray());
        headers.add(DEAD_LETTER_REASON, reason.getBytes(StandardCharsets.UTF_8));
        context.recordMetadata().ifPresent(m -> headers.add(DEAD_LETTER_RAW,
                (m.topic() + "/" + m.partition() + "/" + m.offset()).getBytes(StandardCharsets.UTF_8)));
        context.forward(new Record<>(raw.key(), Normalization.dead(reason, content), raw.timestamp(), headers));
    }

    private static String header(Headers headers, String name, String fallback) {
        String value = CloudEventCodec.header(headers, name);
        return value == null ? fallback : value;
    }
}
