package io.switchboard.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * Send something to a customer through their channel. CloudEvent type {@code switchboard.reply.requested}.
 * The event id is the idempotency key: a command delivered twice (or after a restart) is sent at most once.
 * <p>
 * Keyed in Kafka by its <b>sender</b> ({@link #senderKey}: channel and channel account), not by conversation: all of
 * one sender's commands land on one partition and so in one outbound-service instance, which owns that sender's rate
 * limit, pause and parked commands. A conversation belongs to one sender, so its commands keep their order.
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

    /** The sending account, {@code <channel>:<channel account id>}: the Kafka key. */
    @Override
    @JsonIgnore
    public String recordKey() {
        return senderKey();
    }

    /** The account a send counts against: {@code <channel wire name>:<channel account id>}, e.g. {@code whatsapp:1065}. */
    @JsonIgnore
    public String senderKey() {
        return senderKey(channel, channelAccountId);
    }

    public static String senderKey(Channel channel, String channelAccountId) {
        return channel.wireName() + ":" + channelAccountId;
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
