package io.switchboard.events;

import java.time.Instant;

/**
 * Meta's handover protocol: the app that controlled a Messenger or Instagram thread passed it to another app
 * (docs/channels.md §3.8); on WhatsApp (Conversation Routing) the owners are roles ({@code ai_agent} is Meta's
 * business AI agent) and Meta sends it only to the new owner. CloudEvent type {@code switchboard.thread-control.passed}. Meta sends it to the new owner;
 * Switchboard is the new owner when {@code toAppId} is its own app id.
 *
 * @param fromAppId the app that held the thread; null when the thread was idle
 * @param toAppId   the app that holds it now
 * @param metadata  the free text the passing app sent with the call
 */
public record ThreadControlPassed(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String fromAppId, String toAppId, String metadata, Instant occurredAt,
        Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.THREAD_CONTROL_PASSED;
    }
}
