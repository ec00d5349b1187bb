package io.switchboard.events;

import java.time.Instant;

/**
 * Meta's handover protocol: another app asks the thread's owner to pass it control (docs/channels.md §3.8).
 * CloudEvent type {@code switchboard.thread-control.requested}. Meta sends it to the owner; it moves nothing by itself.
 *
 * @param requestingAppId the app that asks for the thread
 * @param metadata        the free text the requesting app sent with the call
 */
public record ThreadControlRequested(String eventId, Channel channel, String channelAccountId,
        String conversationKey, Customer customer, String requestingAppId, String metadata, Instant occurredAt,
        Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.THREAD_CONTROL_REQUESTED;
    }
}
