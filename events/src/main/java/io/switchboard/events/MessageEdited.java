package io.switchboard.events;

import java.time.Instant;

/** A customer edited a message they had sent. CloudEvent type {@code switchboard.message.edited}. */
public record MessageEdited(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, String originalMessageId, MessageContent content,
        Integer editCount, Instant occurredAt, Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_EDITED;
    }
}
