package io.switchboard.events;

import java.time.Instant;
import java.util.Map;

/**
 * The channel told us a customer's identity changed: a new phone number, a new business-scoped user id, a new
 * identity key. Consumers that key contacts on a set of ids add {@code newIdentities} to the customer's set.
 * CloudEvent type {@code switchboard.contact.identity-changed}.
 *
 * @param change        the channel's word for it ({@code user_changed_number}, {@code user_changed_user_id},
 *                      {@code customer_identity_changed})
 * @param newIdentities the ids the customer has now, by kind ({@code wa_id}, {@code bsuid})
 * @param notice        the channel's human-readable notice
 */
public record ContactIdentityChanged(String eventId, Channel channel, String channelAccountId,
        String conversationKey, Customer customer, String externalMessageId, String change,
        Map<String, String> newIdentities, String notice, Instant occurredAt, Instant receivedAt, RawRef raw)
        implements InboundEvent {

    public ContactIdentityChanged {
        newIdentities = newIdentities == null ? Map.of() : Map.copyOf(newIdentities);
    }

    @Override
    public EventType eventType() {
        return EventType.CONTACT_IDENTITY_CHANGED;
    }
}
