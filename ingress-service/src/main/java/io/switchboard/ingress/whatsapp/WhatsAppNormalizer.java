package io.switchboard.ingress.whatsapp;

import static io.switchboard.ingress.whatsapp.WhatsAppContent.channelError;
import static io.switchboard.ingress.whatsapp.WhatsAppContent.content;
import static io.switchboard.ingress.whatsapp.WhatsAppContent.errors;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.digest;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.firstNonNull;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.fragment;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nonBlank;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.nullToEmpty;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.required;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.text;
import static io.switchboard.ingress.whatsapp.WhatsAppJson.timestamp;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.ChannelErrorReported;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEchoed;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Normalizes WhatsApp Cloud API webhooks ({@code object: whatsapp_business_account}).
 *
 * <p>Walks {@code entry[] × changes[]}. A {@code messages} change yields one event per {@code value.messages[]}
 * (received, reacted, edited, revoked, identity changed), per {@code value.statuses[]} (delivery status) and per
 * {@code value.errors[]} (channel error); an {@code smb_message_echoes} change yields one {@link MessageEchoed}
 * per {@code value.message_echoes[]}; a {@code calls} change yields call events ({@link WhatsAppCalls}); a
 * {@code messaging_handovers} change yields thread control events ({@link WhatsAppHandovers}). Other fields
 * are ignored: they stay in the raw topic.
 *
 * <p>The customer is keyed on the business-scoped user id (BSUID) when WhatsApp gives one, else on the phone
 * ({@code wa_id}); every id seen is kept in {@link Customer#identities()}. Who a message is from, also when only its
 * {@code contacts[]} entry says, and what a {@code system} identity change moves, is {@link WhatsAppIdentity}'s. Event ids are the dedupe keys of
 * docs/channels.md §8.1, so a redelivered webhook yields the same ids. One bad item becomes a rejection; the rest of
 * the batch still normalizes.
 *
 * <p>A message's content (per {@code type}) is {@link WhatsAppContent}'s; the lenient JSON reading is
 * {@link WhatsAppJson}'s; {@link Scope} and {@link Origin} carry what the items of one change share.
 */
public final class WhatsAppNormalizer implements ChannelNormalizer {

    private static final Channel CHANNEL = Channel.WHATSAPP;
    private static final String OBJECT = "whatsapp_business_account";

    @Override
    public Normalized normalize(JsonNode body, WebhookContext context) {
        Normalized.Builder out = new Normalized.Builder();
        if (body == null || !body.isObject()) {
            return out.reject("webhook body is not a JSON object", fragment(body)).build();
        }
        if (!OBJECT.equals(text(body, "object"))) {
            return out.reject("object is not " + OBJECT + ": " + text(body, "object"), fragment(body)).build();
        }
        JsonNode entries = body.path("entry");
        if (!entries.isArray()) {
            return out.reject("webhook has no entry[] array", fragment(body)).build();
        }
        for (int e = 0; e < entries.size(); e++) {
            entry(entries.get(e), "entry[" + e + "]", body, context, out);
        }
        return out.build();
    }

    private static void entry(JsonNode entry, String where, JsonNode body, WebhookContext context,
            Normalized.Builder out) {
        JsonNode changes = entry.path("changes");
        if (!changes.isArray()) {
            out.reject(where + ": entry has no changes[] array", fragment(entry));
            return;
        }
        for (int c = 0; c < changes.size(); c++) {
            change(changes.get(c), where + ".changes[" + c + "]", body, context, out);
        }
    }

    private static void change(JsonNode change, String where, JsonNode body, WebhookContext context,
            Normalized.Builder out) {
        String field = text(change, "field");
        if (field == null) {
            out.reject(where + ": change without field", fragment(change));
            return;
        }
        if (!"messages".equals(field) && !"smb_message_echoes".equals(field) && !"calls".equals(field)
                && !"messaging_handovers".equals(field)) {
            // Well-signed but not ours to route (account_update, template status …).
            out.ignore("field:" + field);
            return;
        }
        JsonNode value = change.path("value");
        String phoneNumberId = nonBlank(text(value.path("metadata"), "phone_number_id"));
        if (phoneNumberId == null) {
            out.reject(where + ": change without value.metadata.phone_number_id", fragment(change));
            return;
        }
        Scope scope = new Scope(phoneNumberId, value, context, body, where);
        if ("messaging_handovers".equals(field)) {
            handovers(value, scope, out);
        } else if ("calls".equals(field)) {
            // docs/channels.md §2.11: value.errors[] belong to the failed call, not to the account.
            each(value, "calls", scope, out, WhatsAppCalls::call);
            each(value, "statuses", scope, out, WhatsAppCalls::status);
        } else if ("messages".equals(field)) {
            each(value, "messages", scope, out, WhatsAppNormalizer::message);
            each(value, "statuses", scope, out, WhatsAppNormalizer::status);
            each(value, "errors", scope, out, WhatsAppNormalizer::accountError);
        } else {
            each(value, "message_echoes", scope, out, WhatsAppNormalizer::echo);
        }
    }

    private static void each(JsonNode value, String name, Scope scope, Normalized.Builder out, Item normalizer) {
        JsonNode items = value.path(name);
        if (items.isMissingNode() || items.isNull()) {
            return;
        }
        if (!items.isArray()) {
            out.reject(scope.where() + ": value." + name + " is not an array", fragment(items));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            String where = scope.where() + "." + name + "[" + i + "]";
            JsonNode item = items.get(i);
            try {
                ConversationEvent event = normalizer.apply(item, scope.at(i, items.size()), where);
                if (event == null) {
                    out.ignore(name + ":" + nullToEmpty(text(item, "status") != null ? text(item, "status")
                            : text(item, "event")).toLowerCase(Locale.ROOT));
                } else {
                    out.event(event);
                }
            } catch (Malformed e) {
                out.reject(where + ": " + e.getMessage(), fragment(item));
            } catch (RuntimeException e) {
                // A shape nobody foresaw must not cost the rest of the batch: dead-letter this item only.
                out.reject(where + ": cannot normalize: " + e, fragment(item));
            }
        }
    }

    /** docs/channels.md §3.8: the notification is the value itself, or items of value.messaging_handovers[]. */
    private static void handovers(JsonNode value, Scope scope, Normalized.Builder out) {
        if (value.has("type")) {
            try {
                out.event(WhatsAppHandovers.handover(value, scope, scope.where()));
            } catch (RuntimeException e) {
                out.reject(scope.where() + ": " + e.getMessage(), fragment(value));
            }
            return;
        }
        if (!value.has("messaging_handovers")) {
            out.reject(scope.where() + ": messaging_handovers change without type or messaging_handovers[]",
                    fragment(value));
            return;
        }
        each(value, "messaging_handovers", scope, out, WhatsAppHandovers::handover);
    }

    // ---- value.messages[] ----------------------------------------------------------------------------------

    private static ConversationEvent message(JsonNode message, Scope scope, String where) {
        String wamid = required(message, "id", "message");
        Instant occurredAt = timestamp(message);
        String type = nullToEmpty(text(message, "type"));
        if ("system".equals(type)) {
            return WhatsAppIdentity.changed(message, scope, wamid, occurredAt);
        }
        Customer sender = WhatsAppIdentity.sender(message, scope);
        if (sender == null) {
            throw new Malformed("message has neither from nor from_user_id, and no contact names the customer");
        }
        Origin o = new Origin(scope, wamid, occurredAt, sender);
        switch (type) {
            case "reaction":
                return reaction(message.path("reaction"), o);
            case "revoke":
                return new MessageRevoked(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(),
                        o.wamid(), required(message.path("revoke"), "original_message_id", "revoke"),
                        o.occurredAt(), o.receivedAt(), o.raw());
            case "edit":
                return edited(message, o);
            case "interactive":
                if ("call_permission_reply".equals(text(message.path("interactive"), "type"))) {
                    return WhatsAppCalls.permissionReply(message.path("interactive").path("call_permission_reply"),
                            o);
                }
                return received(message, o);
            default:
                return received(message, o);
        }
    }

    private static MessageReceived received(JsonNode message, Origin o) {
        return new MessageReceived(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(), o.wamid(),
                o.occurredAt(), o.receivedAt(), content(message, message), o.raw());
    }

    private static MessageReacted reaction(JsonNode reaction, Origin o) {
        String target = required(reaction, "message_id", "reaction");
        // WhatsApp removes a reaction by sending an empty (or no) emoji.
        String emoji = nonBlank(text(reaction, "emoji"));
        return new MessageReacted(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(), o.wamid(),
                target, emoji, null, emoji == null, o.occurredAt(), o.receivedAt(), o.raw());
    }

    private static MessageEdited edited(JsonNode message, Origin o) {
        JsonNode edit = message.path("edit");
        String original = required(edit, "original_message_id", "edit");
        // The new content is the inner message; context, referral and errors are siblings of the outer one.
        MessageContent content = content(edit.path("message"), message);
        return new MessageEdited(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(), o.wamid(),
                original, content, null, o.occurredAt(), o.receivedAt(), o.raw());
    }

    // ---- value.statuses[] ----------------------------------------------------------------------------------

    private static ConversationEvent status(JsonNode status, Scope scope, String where) {
        String wamid = required(status, "id", "status");
        DeliveryState state = deliveryState(required(status, "status", "status"));
        Instant occurredAt = timestamp(status);
        String recipientId = nonBlank(text(status, "recipient_id"));
        String bsuid = firstNonNull(nonBlank(text(status, "recipient_user_id")),
                nonBlank(text(scope.contactFor(recipientId, null), "user_id")));
        String userKey = firstNonNull(bsuid, recipientId);
        if (userKey == null) {
            throw new Malformed("status has neither recipient_id nor recipient_user_id");
        }
        String account = scope.phoneNumberId();
        return new DeliveryStatusChanged(CHANNEL.prefix() + ":" + wamid + ":" + state.wireName(), CHANNEL, account,
                CHANNEL.conversationKey(account, userKey), userKey, wamid, state, null, errors(status.path("errors")),
                text(status.path("pricing"), "category"), text(status, "biz_opaque_callback_data"), occurredAt,
                scope.receivedAt(), scope.raw());
    }

    private static DeliveryState deliveryState(String status) {
        return DeliveryState.fromWireName(status)
                .orElseThrow(() -> new Malformed("unknown status value '" + status + "'"));
    }

    // ---- value.errors[] ------------------------------------------------------------------------------------

    private static ConversationEvent accountError(JsonNode error, Scope scope, String where) {
        ChannelError channelError = channelError(error);
        boolean timed = !error.path("timestamp").isMissingNode();
        Instant occurredAt = timed ? timestamp(error) : scope.receivedAt();
        // Without a timestamp only the body itself tells two reports apart; a redelivery hashes the same.
        String discriminator = timed ? String.valueOf(occurredAt.getEpochSecond())
                : digest(scope.body().toString() + "#" + where);
        String account = scope.phoneNumberId();
        String accountKey = CHANNEL.prefix() + ":" + account;
        return new ChannelErrorReported(accountKey + ":error:" + channelError.code() + ":" + discriminator, CHANNEL,
                account, accountKey, List.of(channelError), occurredAt, scope.receivedAt(), scope.raw());
    }

    // ---- value.message_echoes[] (smb_message_echoes) -------------------------------------------------------

    private static ConversationEvent echo(JsonNode echo, Scope scope, String where) {
        Origin o = new Origin(scope, required(echo, "id", "echo"), timestamp(echo), recipient(echo, scope));
        return new MessageEchoed(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(), o.wamid(),
                o.occurredAt(), o.receivedAt(), content(echo, echo), null, null, o.raw());
    }

    private static Customer recipient(JsonNode echo, Scope scope) {
        String waId = nonBlank(text(echo, "to"));
        String bsuid = nonBlank(text(echo, "to_user_id"));
        if (waId == null && bsuid == null) {
            throw new Malformed("echo has neither to nor to_user_id");
        }
        return WhatsAppIdentity.customer(waId, bsuid, nonBlank(text(echo, "to_parent_user_id")),
                scope.contactFor(waId, bsuid));
    }

    /** Turns one item of a value array into an event, or throws {@link Malformed}. */
    @FunctionalInterface
    private interface Item {
        ConversationEvent apply(JsonNode item, Scope scope, String where);
    }
}
