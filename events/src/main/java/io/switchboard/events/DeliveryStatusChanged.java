package io.switchboard.events;

import java.time.Instant;
import java.util.List;

/**
 * A channel reported how far one of our outbound messages got. Either {@code externalMessageId} names the message,
 * or {@code watermark} covers every message sent at or before it (Messenger and Instagram deliveries and reads).
 * Receipts arrive out of order: merge them by {@link DeliveryState#rank()}, never backwards.
 * CloudEvent type {@code switchboard.delivery.status-changed}.
 *
 * @param pricingCategory the WhatsApp pricing category, when the channel said (service, marketing, utility …)
 * @param callbackData    what the sender attached to the send ({@code biz_opaque_callback_data})
 */
public record DeliveryStatusChanged(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String recipientId, String externalMessageId, DeliveryState status,
        Instant watermark, List<ChannelError> errors, String pricingCategory, String callbackData,
        Instant occurredAt, Instant receivedAt, RawRef raw) implements StatusEvent {

    public DeliveryStatusChanged {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    @Override
    public EventType eventType() {
        return EventType.DELIVERY_STATUS_CHANGED;
    }
}
