package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppJson.firstNonNull;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nonBlank;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.putIfPresent;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.Customer;

/**
 * Who a WhatsApp item is from, and how a {@code system} message changes that (docs/channels.md §2.10).
 *
 * <p>A customer is known by phone ({@code wa_id}), business-scoped user id (BSUID), parent BSUID and username, in
 * any combination. The message's own {@code from} / {@code from_user_id} come first; when it names nobody the
 * matching {@code contacts[]} entry does ({@link Scope#positionalContact()}). The conversation is keyed on the
 * BSUID when there is one, else on {@code wa_id}; a username alone cannot be answered, so it keys nothing.
 */
final class WhatsAppIdentity {

    private static final Channel CHANNEL = Channel.WHATSAPP;

    private WhatsAppIdentity() {
    }

    /** The sender of a message, or null when neither the message nor a contact entry names one. */
    static Customer sender(JsonNode message, Scope scope) {
        String waId = nonBlank(text(message, "from"));
        // user_changed_user_id notices may name the BSUID being replaced instead of a sender.
        String bsuid = firstNonNull(nonBlank(text(message, "from_user_id")),
                firstNonNull(nonBlank(text(message.path("system"), "previous_user_id")),
                        nonBlank(text(message.path("system"), "old_user_id"))));
        JsonNode contact = waId == null && bsuid == null ? scope.positionalContact() : scope.contactFor(waId, bsuid);
        Customer customer = customer(waId, bsuid, nonBlank(text(message, "from_parent_user_id")), contact);
        return customer.externalUserId() == null ? null : customer;
    }

    static Customer customer(String waId, String bsuid, String parentBsuid, JsonNode contact) {
        Map<String, String> ids = new LinkedHashMap<>();
        putIfPresent(ids, "wa_id", firstNonNull(waId, nonBlank(text(contact, "wa_id"))));
        putIfPresent(ids, "bsuid", firstNonNull(bsuid, nonBlank(text(contact, "user_id"))));
        putIfPresent(ids, "parent_bsuid", firstNonNull(parentBsuid, nonBlank(text(contact, "parent_user_id"))));
        JsonNode profile = contact.path("profile");
        return new Customer(key(ids), text(profile, "name"), text(profile, "username"), null, ids, Map.of());
    }

    /**
     * A {@code system} message: {@code user_changed_number} (the new phone in {@code wa_id} or {@code new_wa_id}),
     * {@code user_changed_user_id} (the new BSUID in {@code user_id} or {@code new_user_id}) or
     * {@code customer_identity_changed} (a new identity key, {@code identity.hash}). The event is keyed on the key
     * the customer's messages carry from now on, so that consumers take it before the first of them, and names the
     * key it replaces. A notice that names no old identity is keyed on the new one and moves nothing; one that names
     * no identity at all cannot be placed in any conversation.
     */
    static ContactIdentityChanged changed(JsonNode message, Scope scope, String wamid, Instant occurredAt) {
        JsonNode system = message.path("system");
        Map<String, String> ids = new LinkedHashMap<>();
        putIfPresent(ids, "wa_id", firstNonNull(nonBlank(text(system, "wa_id")), nonBlank(text(system, "new_wa_id"))));
        putIfPresent(ids, "bsuid", firstNonNull(nonBlank(text(system, "user_id")),
                nonBlank(text(system, "new_user_id"))));
        putIfPresent(ids, "parent_bsuid", text(system, "parent_user_id"));
        putIfPresent(ids, "identity_key_hash", text(message.path("identity"), "hash"));
        Customer before = sender(message, scope);
        if (before == null) {
            String newKey = key(ids);
            if (newKey == null) {
                throw new Malformed("system message names neither the customer nor their new identity");
            }
            before = customer(ids.get("wa_id"), ids.get("bsuid"), ids.get("parent_bsuid"), MissingNode.getInstance());
        }
        String account = scope.phoneNumberId();
        String beforeKey = CHANNEL.conversationKey(account, before.externalUserId());
        String after = movedTo(before, ids);
        return new ContactIdentityChanged(CHANNEL.prefix() + ":" + wamid, CHANNEL, account,
                after == null ? beforeKey : CHANNEL.conversationKey(account, after), before, wamid,
                text(system, "type"), ids, text(system, "body"), occurredAt, scope.receivedAt(), scope.raw(),
                after == null ? null : beforeKey);
    }

    /**
     * The customer id the conversation is keyed on after the change, or null when it stays: a new BSUID always
     * moves it; a new phone only when the customer was keyed on the phone (a BSUID-keyed customer's next messages
     * name their BSUID).
     */
    private static String movedTo(Customer before, Map<String, String> ids) {
        if (ids.containsKey("bsuid")) {
            return ids.get("bsuid");
        }
        if (ids.containsKey("wa_id") && !before.identities().containsKey("bsuid")) {
            return ids.get("wa_id");
        }
        return null;
    }

    /** The BSUID survives username changes and may be all we get; the phone is the fallback. */
    private static String key(Map<String, String> ids) {
        return ids.containsKey("bsuid") ? ids.get("bsuid") : ids.get("wa_id");
    }
}
