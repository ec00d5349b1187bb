package io.switchboard.events;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * One service finished an erasure: what it removed, by store, never what the rows held. Published again (same id)
 * when the request is redelivered, so a consumer deduplicates on the id. CloudEvent type
 * {@code switchboard.erasure.completed}, id {@code {erasureId}:{service}}.
 *
 * @param service the service that erased ({@code routing-service}, {@code agent-service}, {@code outbound-service})
 * @param removed rows removed per store (table name); zero when nothing matched or the request was a redelivery
 */
public record ErasureCompleted(String erasureId, String service, Map<String, Long> removed, Instant completedAt)
        implements ErasureEvent {

    public ErasureCompleted {
        removed = removed == null ? Map.of() : Map.copyOf(removed);
    }

    @Override
    @JsonIgnore
    public String eventId() {
        return erasureId + ":" + service;
    }

    @Override
    @JsonIgnore
    public Instant occurredAt() {
        return completedAt;
    }

    @Override
    public EventType eventType() {
        return EventType.ERASURE_COMPLETED;
    }
}
