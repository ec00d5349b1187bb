package io.switchboard.events;

import java.time.Instant;

/**
 * Send something to a customer through their channel. CloudEvent type {@code switchboard.reply.requested}.
 * The event id is the idempotency key: a command delivered twice (or after a restart) is sent at most once.
 *
 * @param agentId          the human agent who wrote it; null for automated messages (which may not use
 *                         Messenger's and Instagram's {@code HUMAN_AGENT} tag)
 * @param agentDisplayName shown to custom sources that display who answered
 * @param occurredAt       when the agent sent it
 */
public record ReplyRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Recipient recipient, String agentId, String agentDisplayName, ReplyContent content, Instant occurredAt)
        implements OutboundEvent {

    @Override
    public EventType eventType() {
        return EventType.REPLY_REQUESTED;
    }

    /**
     * Who receives it.
     *
     * @param userId         the customer's id on the channel (PSID, IGSID, custom source user id; WhatsApp: the
     *                       phone id or business-scoped user id the conversation is keyed on)
     * @param phone          WhatsApp: the phone number, sent as {@code to}; preferred when known
     * @param bsuid          WhatsApp: the business-scoped user id, sent as {@code recipient} when there is no phone
     * @param conversationId custom sources: their {@code conversation.external_id}
     */
    public record Recipient(String userId, String phone, String bsuid, String conversationId) {
    }
}
