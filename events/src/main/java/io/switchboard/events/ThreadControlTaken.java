package io.switchboard.events;

import java.time.Instant;

/**
 * Meta's handover protocol: an app took control of a thread from its owner (docs/channels.md §3.8). On WhatsApp the
 * owners are roles ({@code ai_agent}, …), not app ids. CloudEvent type
 * {@code switchboard.thread-control.taken}. Meta sends it to the app that lost the thread.
 *
 * @param previousOwnerAppId the app that held the thread (Switchboard's own app id when it was taken from us)
 * @param byAppId            the app that took it; null when the webhook does not say
 * @param metadata           the free text the taking app sent with the call
 */
public record ThreadControlTaken(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String previousOwnerAppId, String byAppId, String metadata, Instant occurredAt,
        Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.THREAD_CONTROL_TAKEN;
    }
}
