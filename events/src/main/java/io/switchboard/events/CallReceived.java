package io.switchboard.events;

import java.time.Instant;

/**
 * A customer called the business: WhatsApp's {@code connect} webhook of a user-initiated call (it rings; audio is
 * not Switchboard's). CloudEvent type {@code switchboard.call.received}, id {@code wa:call:{callId}:connect}.
 *
 * @param callId    the channel's call id ({@code wacid.…})
 * @param direction always {@code user_initiated} today; kept so a business-initiated connect can be added
 */
public record CallReceived(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String callId, CallDirection direction, Instant occurredAt, Instant receivedAt,
        RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.CALL_RECEIVED;
    }
}
