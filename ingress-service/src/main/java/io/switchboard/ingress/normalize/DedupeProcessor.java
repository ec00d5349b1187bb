package io.switchboard.ingress.normalize;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationEvent;
import io.switchboard.messaging.trace.TraceContext;

/**
 * Forwards an event only the first time its id is seen within the horizon. Channels redeliver for days (WhatsApp: 7),
 * so the ids live in a window store backed by a changelog topic: they survive restarts and move with their
 * partition, and old segments are dropped without a sweep. Runs after the repartition by conversation key, so every
 * copy of an event reaches the same task whatever batch it came in.
 */
public final class DedupeProcessor implements Processor<String, ConversationEvent, String, ConversationEvent> {

    public static final String STORE = "event-ids";

    private final long horizonMs;
    private final NormalizationMetrics metrics;
    private ProcessorContext<String, ConversationEvent> context;
    private WindowStore<String, Long> seen;

    DedupeProcessor(Duration horizon, NormalizationMetrics metrics) {
        this.horizonMs = horizon.toMillis();
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, ConversationEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(STORE);
    }

    @Override
    public void process(Record<String, ConversationEvent> record) {
        ConversationEvent event = record.value();
        long at = record.timestamp();
        if (seenBefore(event.eventId(), at)) {
            metrics.duplicate(event.channel().wireName());
            return;
        }
        seen.put(event.eventId(), at, at);
        metrics.published(event.channel().wireName(), event.eventType().ceType());
        String source = "/switchboard/ingress/" + event.channel().wireName();
        context.forward(new Record<>(event.conversationKey(), event, at,
                TraceContext.copy(record.headers(), CloudEventCodec.headers(event, source))));
    }

    private boolean seenBefore(String eventId, long at) {
        try (WindowStoreIterator<Long> ids = seen.fetch(eventId, Instant.ofEpochMilli(at - horizonMs),
                Instant.ofEpochMilli(at + horizonMs))) {
            return ids.hasNext();
        }
    }
}
