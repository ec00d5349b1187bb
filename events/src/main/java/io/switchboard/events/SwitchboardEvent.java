package io.switchboard.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * What every Switchboard event carries. Each record is one CloudEvent type; {@link #eventType()} names it, so a
 * new record cannot be sent without a type.
 */
public sealed interface SwitchboardEvent permits InboundEvent, StatusEvent, OutboundEvent,
        OutboundResultEvent {

    /** Stable across retries and redeliveries (derived from the channel's own ids): consumers deduplicate on it. */
    String eventId();

    /** The Kafka record key: one conversation's events stay in order. */
    String conversationKey();

    Channel channel();

    String channelAccountId();

    /** When it happened on the channel. */
    Instant occurredAt();

    @JsonIgnore
    EventType eventType();
}
