package io.switchboard.events;

import java.time.Instant;

/**
 * A customer reacted to a message, or took a reaction back ({@code removed}, emoji null).
 * CloudEvent type {@code switchboard.message.reacted}.
 *
 * @param reaction the channel's named reaction where it has one (Messenger: {@code love}, {@code like} …)
 */
public record MessageReacted(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, String reactedMessageId, String emoji, String reaction,
        boolean removed, Instant occurredAt, Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_REACTED;
    }
}
