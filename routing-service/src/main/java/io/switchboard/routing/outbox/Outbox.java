package io.switchboard.routing.outbox;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationEvent;
import io.switchboard.routing.store.Db;
import io.vertx.core.buffer.Buffer;

/**
 * Appends events (routing events, automated replies) to the outbox inside the caller's transaction, with the W3C
 * {@code traceparent} of the work that caused them: the relay puts it on the published record, so the trace goes on
 * across the database (ADR 0011).
 */
@ApplicationScoped
public class Outbox {

    public void append(Db db, ConversationEvent event) {
        db.update("INSERT INTO routing.outbox (event_id, ce_type, payload, traceparent) VALUES ($1, $2, $3, $4)",
                event.eventId(), event.eventType().ceType(),
                Buffer.buffer(CloudEventCodec.data(event)), traceparent());
    }

    /** The current span's {@code traceparent}; null outside a trace. */
    private static String traceparent() {
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(OutboxRelay.TRACEPARENT);
    }
}
