package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppJson.nonBlank;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nullToEmpty;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.timestamp;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Customer;
import io.switchboard.events.ThreadControlPassed;
import io.switchboard.events.ThreadControlTaken;

/**
 * WhatsApp Conversation Routing's {@code messaging_handovers} change (docs/channels.md §3.8): who answers a customer
 * now, Meta's business AI agent or an app. Meta names roles ({@code ai_agent}, …), not app ids, so the events carry
 * the roles in their app id fields. {@code control_passed} goes to the new owner, {@code control_taken} to the
 * previous one; a {@code release} sends nothing. The customer is keyed by the same rules as messages
 * ({@link WhatsAppIdentity}). Event id {@code wa:{type}:{account}:{user}:{timestamp ms}}, the same on redelivery.
 */
final class WhatsAppHandovers {

    private static final Channel CHANNEL = Channel.WHATSAPP;

    private WhatsAppHandovers() {
    }

    /** One notification: an item of {@code value.messaging_handovers[]}, or the value itself. */
    static ConversationEvent handover(JsonNode item, Scope scope, String where) {
        String type = nullToEmpty(text(item, "type"));
        if (!"control_passed".equals(type) && !"control_taken".equals(type)) {
            throw new Malformed("handover of type '" + text(item, "type") + "'");
        }
        JsonNode body = item.path(type);
        if (!body.isObject()) {
            throw new Malformed("handover of type " + type + " without its " + type + " object");
        }
        Instant occurredAt = timestamp(item.has("timestamp") ? item : body);
        Customer customer = customer(item, scope);
        String account = scope.phoneNumberId();
        String key = CHANNEL.conversationKey(account, customer.externalUserId());
        String id = CHANNEL.prefix() + ":" + type + ":" + account + ":" + customer.externalUserId() + ":"
                + occurredAt.toEpochMilli();
        String previous = role(body, "previous_owner");
        String current = role(body, "new_owner") != null ? role(body, "new_owner") : role(body, "current_owner");
        String metadata = text(body, "metadata") != null ? text(body, "metadata") : text(item, "metadata");
        if ("control_passed".equals(type)) {
            if (current == null) {
                throw new Malformed("control_passed names no new owner role");
            }
            return new ThreadControlPassed(id, CHANNEL, account, key, customer, previous, current, metadata,
                    occurredAt, scope.receivedAt(), scope.raw());
        }
        return new ThreadControlTaken(id, CHANNEL, account, key, customer, previous, current, metadata, occurredAt,
                scope.receivedAt(), scope.raw());
    }

    /** The customer, as a message names its sender: {@code from}/{@code from_user_id}, else the contact. */
    private static Customer customer(JsonNode item, Scope scope) {
        String waId = nonBlank(text(item, "from") != null ? text(item, "from") : text(item, "wa_id"));
        String bsuid = nonBlank(text(item, "from_user_id") != null ? text(item, "from_user_id")
                : text(item, "user_id"));
        JsonNode contact = waId == null && bsuid == null ? scope.positionalContact() : scope.contactFor(waId, bsuid);
        Customer customer = WhatsAppIdentity.customer(waId, bsuid, nonBlank(text(item, "from_parent_user_id")),
                contact);
        if (customer.externalUserId() == null) {
            throw new Malformed("handover names no customer (from, from_user_id or contacts[])");
        }
        return customer;
    }

    /** A role given as a string or as {@code {"role": …}}. */
    private static String role(JsonNode body, String field) {
        JsonNode node = body.path(field);
        return nonBlank(node.isTextual() ? node.asText() : text(node, "role"));
    }
}
