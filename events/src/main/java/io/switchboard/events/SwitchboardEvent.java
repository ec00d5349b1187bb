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
     * The Kafka record key: the events of one key stay in order. The conversation key for {@link ConversationEvent}s
     * (except commands to send, {@link ReplyRequested#recordKey}: their sender), the agent id for {@link AgentEvent}s,
     * the queue id for {@link QueueEvent}s, the erasure id for {@link ErasureEvent}s.
     */
    @JsonIgnore
    String recordKey();

    /** The CloudEvent subject: what the event is about (the conversation key for conversation events). */
    @JsonIgnore
    default String subject() {
        return recordKey();
    }

    @JsonIgnore
    EventType eventType();
}
