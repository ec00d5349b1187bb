package io.switchboard.events;

import java.util.Map;

/**
 * The customer on the other side of a conversation.
 *
 * @param externalUserId the id that keys the conversation (WhatsApp: the business-scoped user id when present,
 *                       else the phone id; Messenger: PSID; Instagram: IGSID; custom: the source's user id;
 *                       Telegram: the chat id)
 * @param identities     every id the channel gave, by kind ({@code wa_id}, {@code bsuid}, {@code parent_bsuid},
 *                       {@code psid}, {@code igsid}, {@code external_id}, {@code phone}, {@code email},
 *                       {@code telegram_user_id}, {@code telegram_chat_id})
 * @param attributes     facts a source knows about the customer (routing rules may match on them)
 */
public record Customer(String externalUserId, String displayName, String username, String language,
        Map<String, String> identities, Map<String, String> attributes) {

    public Customer {
        identities = identities == null ? Map.of() : Map.copyOf(identities);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    public static Customer of(String externalUserId, Map<String, String> identities) {
        return new Customer(externalUserId, null, null, null, identities, Map.of());
    }
}
