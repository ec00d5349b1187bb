package io.switchboard.events;

import java.time.Instant;

/** A customer sent a message. CloudEvent type {@code switchboard.message.received}. */
public record MessageReceived(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, Instant occurredAt, Instant receivedAt, MessageContent content,
        RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_RECEIVED;
    }
}
