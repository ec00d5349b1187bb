package io.switchboard.events;

import java.time.Instant;

/**
 * routing-service asks outbound-service to take or pass control of a Messenger or Instagram thread under Meta's
 * handover protocol (docs/channels.md §3.8). CloudEvent type {@code switchboard.thread-control.change-requested}. The
 * event id is the idempotency key, as for replies; the outcome is a {@link DeliveryAccepted} or
 * {@link DeliveryFailed} naming it.
 *
 * @param recipientId    the customer's id on the channel (PSID, IGSID; WhatsApp: BSUID or wa_id)
 * @param targetAppId    the app to pass the thread to (WhatsApp: the role, {@code ai_agent}); null for {@code take}
 * @param metadata       free text Meta forwards to the other app
 * @param conversationId routing's conversation the change is for
 * @param occurredAt     when routing decided it
 */
public record ThreadControlChangeRequested(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String recipientId, ThreadControlAction action, String targetAppId, String metadata,
        String conversationId, Instant occurredAt) implements OutboundEvent {

    @Override
    public EventType eventType() {
        return EventType.THREAD_CONTROL_CHANGE_REQUESTED;
    }
}
