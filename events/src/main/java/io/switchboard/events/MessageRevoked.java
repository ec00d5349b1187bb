package io.switchboard.events;

import java.time.Instant;

/** A customer deleted (unsent) a message. CloudEvent type {@code switchboard.message.revoked}. */
public record MessageRevoked(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, String originalMessageId, Instant occurredAt,
        Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_REVOKED;
    }
}
