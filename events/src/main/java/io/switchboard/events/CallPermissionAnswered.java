package io.switchboard.events;

import java.time.Instant;

/**
 * The customer answered the business's request for permission to call them (WhatsApp's interactive
 * {@code call_permission_reply}). CloudEvent type {@code switchboard.call.permission-answered}, id
 * {@code wa:{wamid}} like a message.
 *
 * @param externalMessageId the channel's id of the reply
 * @param accepted          the customer allowed calls
 * @param permanent         the permission does not expire
 * @param expiresAt         when a temporary permission ends; null when permanent or rejected
 * @param source            the channel's word for who answered: {@code user_action}, or {@code automatic} (the
 *                          customer called first)
 */
public record CallPermissionAnswered(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String externalMessageId, boolean accepted, boolean permanent, Instant expiresAt,
        String source, Instant occurredAt, Instant receivedAt, RawRef raw) implements InboundEvent {

    @Override
    public EventType eventType() {
        return EventType.CALL_PERMISSION_ANSWERED;
    }
}
