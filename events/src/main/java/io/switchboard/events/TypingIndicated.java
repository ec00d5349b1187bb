package io.switchboard.events;

import java.time.Instant;

/** A customer is typing (custom sources report it). CloudEvent type {@code switchboard.conversation.typing-indicated}. */
public record TypingIndicated(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, Instant occurredAt, Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.TYPING_INDICATED;
    }
}
