package io.switchboard.events;

import java.time.Instant;
import java.util.List;

/**
 * A delivery receipt moved an accepted message forward (sent, delivered, read, played) or reported it failed.
 * Receipts are merged monotonically: this is only published when the merged state changes, never backwards.
 * CloudEvent type {@code switchboard.delivery.progressed}, id {@code {idempotencyKey}:{status}}.
 *
 * @param errors the channel's errors of a failed receipt
 */
public record DeliveryProgressed(String eventId, String idempotencyKey, Channel channel, String channelAccountId,
        String conversationKey, String channelMessageId, DeliveryState status, List<ChannelError> errors,
        Instant occurredAt) implements OutboundResultEvent {

    public DeliveryProgressed {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    @Override
    public EventType eventType() {
        return EventType.DELIVERY_PROGRESSED;
    }
}
