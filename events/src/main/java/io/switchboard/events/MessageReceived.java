package io.switchboard.events;

import java.time.Instant;

/**
 * A customer sent a message. CloudEvent type {@code switchboard.message.received}.
 *
 * @param standby Meta's handover protocol: the message came as a {@code standby} item, because another app controls
 *                the thread; it belongs in the transcript, but that app answers it (docs/channels.md §3.8)
 */
public record MessageReceived(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, Instant occurredAt, Instant receivedAt, MessageContent content,
        RawRef raw, boolean standby) implements InboundEvent {

    /** A message to the thread's owner (every channel but a Messenger or Instagram standby item). */
    public MessageReceived(String eventId, Channel channel, String channelAccountId, String conversationKey,
            Customer customer, String externalMessageId, Instant occurredAt, Instant receivedAt,
            MessageContent content, RawRef raw) {
        this(eventId, channel, channelAccountId, conversationKey, customer, externalMessageId, occurredAt, receivedAt,
                content, raw, false);
    }

    /** The same message, as a standby item. */
    public MessageReceived asStandby() {
        return new MessageReceived(eventId, channel, channelAccountId, conversationKey, customer, externalMessageId,
                occurredAt, receivedAt, content, raw, true);
    }

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_RECEIVED;
    }
}
