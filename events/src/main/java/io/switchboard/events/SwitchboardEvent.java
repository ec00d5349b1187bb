package io.switchboard.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What every Switchboard event carries. Each record is one CloudEvent type; {@link #eventType()} names it, so a
 * new record cannot be sent without a type.
 */
public sealed interface SwitchboardEvent permits ConversationEvent, AgentEvent, QueueEvent, ErasureEvent {

    /** Stable across retries and redeliveries (derived from the channel's own ids): consumers deduplicate on it. */
    String eventId();

    /** When it happened (on the channel, for what customers did). */
    Instant occurredAt();

    /**
     * The Kafka record key, also the CloudEvent subject: the events of one key stay in order. The conversation key
     * for {@link ConversationEvent}s, the agent id for {@link AgentEvent}s, the queue id for
     * {@link QueueEvent}s, the erasure id for {@link ErasureEvent}s.
     */
    @JsonIgnore
    String recordKey();

    @JsonIgnore
    EventType eventType();
}
