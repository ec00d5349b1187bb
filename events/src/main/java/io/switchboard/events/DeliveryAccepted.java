package io.switchboard.events;

import java.time.Instant;

/**
 * The channel accepted an outbound command (accepted, not yet delivered: receipts follow as
 * {@link DeliveryProgressed}). CloudEvent type {@code switchboard.delivery.accepted}, id
 * {@code {idempotencyKey}:accepted}.
 *
 * @param channelMessageId the channel's id of the sent message (wamid, Messenger mid, custom external_id); absent
 *                         for mark-read, which creates no message
 * @param attempts         how many calls it took
 */
public record DeliveryAccepted(String eventId, String idempotencyKey, Channel channel, String channelAccountId,
        String conversationKey, String channelMessageId, int attempts, Instant occurredAt)
        implements OutboundResultEvent {

    @Override
    public EventType eventType() {
        return EventType.DELIVERY_ACCEPTED;
    }
}
