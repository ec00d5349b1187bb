package io.switchboard.events;

import java.time.Instant;

/**
 * The business sent a message, seen by the channel (a Messenger or Instagram echo, a WhatsApp message sent from the
 * Business app on a coexistence number). CloudEvent type {@code switchboard.message.echoed}.
 *
 * @param customer the recipient
 * @param appId    the app that sent it (null when sent from the channel's own inbox)
 * @param metadata what the sender attached to the send, echoed back by the channel
 */
public record MessageEchoed(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, Instant occurredAt, Instant receivedAt, MessageContent content,
        String appId, String metadata, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_ECHOED;
    }
}
