package io.switchboard.events;

import java.time.Instant;
import java.util.Map;

/**
 * The channel told us a customer's identity changed: a new phone number, a new business-scoped user id, a new
 * identity key. Consumers that key contacts on a set of ids add {@code newIdentities} to the customer's set; routing
 * and agent-service move the open conversation from {@code previousConversationKey} to {@code conversationKey}.
 * CloudEvent type {@code switchboard.contact.identity-changed}.
 *
 * <p>The event is keyed (in Kafka too) on the key the customer's messages carry from now on, so it reaches a consumer
 * before the first message under that key.
 *
 * @param conversationKey    the customer's conversation key from now on (the Kafka key)
 * @param customer           the customer as known before the change
 * @param change             the channel's word for it ({@code user_changed_number}, {@code user_changed_user_id},
 *                           {@code customer_identity_changed})
 * @param newIdentities      the ids the customer has now, by kind ({@code wa_id}, {@code bsuid})
 * @param notice             the channel's human-readable notice
 * @param previousConversationKey the key the customer's conversation had before; null when it does not change
 *                           (an identity-key change, or a new phone of a customer keyed on the BSUID)
 */
public record ContactIdentityChanged(String eventId, Channel channel, String channelAccountId,
        String conversationKey, Customer customer, String externalMessageId, String change,
        Map<String, String> newIdentities, String notice, Instant occurredAt, Instant receivedAt, RawRef raw,
        String previousConversationKey) implements InboundEvent {

    public ContactIdentityChanged {
        newIdentities = newIdentities == null ? Map.of() : Map.copyOf(newIdentities);
        if (previousConversationKey != null && previousConversationKey.equals(conversationKey)) {
            previousConversationKey = null;
        }
    }

    /** An event that does not move the conversation (and the shape before {@code previousConversationKey}). */
    public ContactIdentityChanged(String eventId, Channel channel, String channelAccountId, String conversationKey,
            Customer customer, String externalMessageId, String change, Map<String, String> newIdentities,
            String notice, Instant occurredAt, Instant receivedAt, RawRef raw) {
        this(eventId, channel, channelAccountId, conversationKey, customer, externalMessageId, change, newIdentities,
                notice, occurredAt, receivedAt, raw, null);
    }

    /** Whether the customer's conversation continues under another key. */
    public boolean rekeys() {
        return previousConversationKey != null;
    }

    @Override
    public EventType eventType() {
        return EventType.CONTACT_IDENTITY_CHANGED;
    }
}
