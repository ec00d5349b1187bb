package io.switchboard.ingress.whatsapp;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.ChannelErrorReported;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.Location;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEchoed;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageType;
import io.switchboard.events.Order;
import io.switchboard.events.RawRef;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.SharedContact;
import io.switchboard.events.ConversationEvent;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Normalizes WhatsApp Cloud API webhooks ({@code object: whatsapp_business_account}).
 *
 * <p>Walks {@code entry[] × changes[]}. A {@code messages} change yields one event per {@code value.messages[]}
 * (received, reacted, edited, revoked, identity changed), per {@code value.statuses[]} (delivery status) and per
 * {@code value.errors[]} (channel error); an {@code smb_message_echoes} change yields one {@link MessageEchoed}
 * per {@code value.message_echoes[]}. Other fields are ignored: they stay in the raw topic.
 *
 * <p>The customer is keyed on the business-scoped user id (BSUID) when WhatsApp gives one, else on the phone
 * ({@code wa_id}); every id seen is kept in {@link Customer#identities()}. Event ids are the dedupe keys of
 * docs/channels.md §8.1, so a redelivered webhook yields the same ids. One bad item becomes a rejection; the rest of
 * the batch still normalizes.
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
        if (!"messages".equals(field) && !"smb_message_echoes".equals(field)) {
            // Well-signed but not ours to route (account_update, template status, calls …).
            out.ignore("field:" + field);
            return;
        }
        JsonNode value = change.path("value");
        String phoneNumberId = nonBlank(text(value.path("metadata"), "phone_number_id"));
        if (phoneNumberId == null) {
            out.reject(where + ": change without value.metadata.phone_number_id", fragment(change));
            return;
        }
        Scope scope = new Scope(phoneNumberId, value.path("contacts"), context, body, where);
        if ("messages".equals(field)) {
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
                out.event(normalizer.apply(item, scope, where));
            } catch (Malformed e) {
                out.reject(where + ": " + e.getMessage(), fragment(item));
            } catch (RuntimeException e) {
                // A shape nobody foresaw must not cost the rest of the batch: dead-letter this item only.
                out.reject(where + ": cannot normalize: " + e, fragment(item));
            }
        }
    }

    // ---- value.messages[] ----------------------------------------------------------------------------------

    private static ConversationEvent message(JsonNode message, Scope scope, String where) {
        Origin o = new Origin(scope, required(message, "id", "message"), timestamp(message), sender(message, scope));
        switch (nullToEmpty(text(message, "type"))) {
            case "reaction":
                return reaction(message.path("reaction"), o);
            case "revoke":
                return new MessageRevoked(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(),
                        o.wamid(), required(message.path("revoke"), "original_message_id", "revoke"),
                        o.occurredAt(), o.receivedAt(), o.raw());
            case "edit":
                return edited(message, o);
            case "system":
                return identityChanged(message, o);
            default:
                return new MessageReceived(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(),
                        o.wamid(), o.occurredAt(), o.receivedAt(), content(message, message), o.raw());
        }
    }

    private static Customer sender(JsonNode message, Scope scope) {
        String waId = nonBlank(text(message, "from"));
        // user_changed_user_id notices carry neither from nor from_user_id: the old BSUID keeps the conversation.
        String bsuid = firstNonNull(nonBlank(text(message, "from_user_id")),
                nonBlank(text(message.path("system"), "previous_user_id")));
        if (waId == null && bsuid == null) {
            throw new Malformed("message has neither from nor from_user_id");
        }
        return customer(waId, bsuid, null, scope.contactFor(waId, bsuid));
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

    private static ContactIdentityChanged identityChanged(JsonNode message, Origin o) {
        JsonNode system = message.path("system");
        Map<String, String> ids = new LinkedHashMap<>();
        putIfPresent(ids, "wa_id", text(system, "wa_id"));
        putIfPresent(ids, "bsuid", text(system, "user_id"));
        putIfPresent(ids, "parent_bsuid", text(system, "parent_user_id"));
        // customer_identity_changed: the new identity key is the only "id" that changed.
        putIfPresent(ids, "identity_key_hash", text(message.path("identity"), "hash"));
        return new ContactIdentityChanged(o.eventId(), CHANNEL, o.accountId(), o.conversationKey(), o.customer(),
                o.wamid(), text(system, "type"), ids, text(system, "body"), o.occurredAt(), o.receivedAt(), o.raw());
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
        return customer(waId, bsuid, nonBlank(text(echo, "to_parent_user_id")), scope.contactFor(waId, bsuid));
    }

    // ---- customer ------------------------------------------------------------------------------------------

    private static Customer customer(String waId, String bsuid, String parentBsuid, JsonNode contact) {
        Map<String, String> ids = new LinkedHashMap<>();
        putIfPresent(ids, "wa_id", firstNonNull(waId, nonBlank(text(contact, "wa_id"))));
        putIfPresent(ids, "bsuid", firstNonNull(bsuid, nonBlank(text(contact, "user_id"))));
        putIfPresent(ids, "parent_bsuid", firstNonNull(parentBsuid, nonBlank(text(contact, "parent_user_id"))));
        // The BSUID survives username changes and may be all we get; the phone is the fallback
        // (docs/channels.md §2.10).
        String externalUserId = ids.containsKey("bsuid") ? ids.get("bsuid") : ids.get("wa_id");
        JsonNode profile = contact.path("profile");
        return new Customer(externalUserId, text(profile, "name"), text(profile, "username"), null, ids, Map.of());
    }

    // ---- content -------------------------------------------------------------------------------------------

    /**
     * Content from {@code typed} (the object holding {@code type} and its body) and {@code siblings} (the message
     * holding {@code context}, {@code referral} and {@code errors}); they differ only for an edit's inner message.
     */
    private static MessageContent content(JsonNode typed, JsonNode siblings) {
        Body body = body(nullToEmpty(text(typed, "type")), typed);
        return new MessageContent(body.type(), body.text(), body.payload(), body.media(), body.location(),
                body.contacts(), body.order(), replyContext(siblings.path("context")),
                referral(siblings.path("referral")), errors(siblings.path("errors")));
    }

    private static Body body(String type, JsonNode message) {
        JsonNode node = message.path(type);
        switch (type) {
            case "text":
                return Body.of(MessageType.TEXT, text(node, "body"), null);
            case "image":
            case "video":
            case "audio":
            case "document":
            case "sticker":
                return media(type, node);
            case "location":
                return new Body(MessageType.LOCATION, null, null, List.of(), location(node), List.of(), null);
            case "contacts":
                return new Body(MessageType.CONTACTS, null, null, List.of(), null, sharedContacts(node), null);
            case "interactive":
                return interactive(node);
            case "button":
                return Body.of(MessageType.TEMPLATE_BUTTON, text(node, "text"), text(node, "payload"));
            case "order":
                return order(node);
            case "request_welcome":
                return Body.of(MessageType.WELCOME_REQUEST, null, null);
            default:
                // "unsupported" and types newer than this code: the agent still learns that something arrived.
                return Body.of(MessageType.UNSUPPORTED, null, null);
        }
    }

    private static Body media(String kind, JsonNode node) {
        MessageType type = MessageType.valueOf(kind.toUpperCase(Locale.ROOT));
        Boolean voice = type == MessageType.AUDIO ? node.path("voice").asBoolean(false) : null;
        Boolean animated = type == MessageType.STICKER ? node.path("animated").asBoolean(false) : null;
        MediaRef ref = new MediaRef(kind, nonBlank(text(node, "id")), text(node, "url"), text(node, "mime_type"),
                text(node, "sha256"), text(node, "filename"), longValue(node.path("file_size")), voice, animated);
        return new Body(type, text(node, "caption"), null, List.of(ref), null, List.of(), null);
    }

    private static Location location(JsonNode node) {
        Double latitude = doubleValue(node.path("latitude"));
        Double longitude = doubleValue(node.path("longitude"));
        if (latitude == null || longitude == null) {
            throw new Malformed("location without latitude/longitude");
        }
        return new Location(latitude, longitude, text(node, "name"), text(node, "address"), text(node, "url"));
    }

    private static List<SharedContact> sharedContacts(JsonNode cards) {
        List<SharedContact> result = new ArrayList<>();
        for (JsonNode card : array(cards)) {
            result.add(new SharedContact(formattedName(card.path("name")), text(card.path("org"), "company"),
                    values(card.path("phones"), "phone"), values(card.path("emails"), "email"),
                    values(card.path("phones"), "wa_id")));
        }
        return result;
    }

    private static String formattedName(JsonNode name) {
        String formatted = nonBlank(text(name, "formatted_name"));
        if (formatted != null) {
            return formatted;
        }
        return nonBlank((nullToEmpty(text(name, "first_name")) + " " + nullToEmpty(text(name, "last_name"))).trim());
    }

    private static Body interactive(JsonNode interactive) {
        String kind = nullToEmpty(text(interactive, "type"));
        JsonNode reply = interactive.path(kind);
        switch (kind) {
            case "button_reply":
                return Body.of(MessageType.BUTTON_REPLY, text(reply, "title"), text(reply, "id"));
            case "list_reply":
                return Body.of(MessageType.LIST_REPLY, text(reply, "title"), text(reply, "id"));
            case "nfm_reply":
                return Body.of(MessageType.FLOW_REPLY, text(reply, "body"), json(reply.path("response_json")));
            default:
                // call_permission_reply and later kinds: the whole object, so a consumer can still read it.
                return Body.of(MessageType.INTERACTIVE, text(reply, "title"),
                        interactive.isObject() ? interactive.toString() : null);
        }
    }

    private static Body order(JsonNode node) {
        List<Order.Item> items = new ArrayList<>();
        for (JsonNode item : array(node.path("product_items"))) {
            Integer quantity = intValue(item.path("quantity"));
            if (quantity == null) {
                throw new Malformed("order item without a numeric quantity");
            }
            items.add(new Order.Item(text(item, "product_retailer_id"), quantity, decimal(item.path("item_price")),
                    text(item, "currency")));
        }
        Order order = new Order(text(node, "catalog_id"), text(node, "text"), items);
        return new Body(MessageType.ORDER, order.text(), null, List.of(), null, List.of(), order);
    }

    private static ReplyContext replyContext(JsonNode context) {
        if (!context.isObject()) {
            return null;
        }
        JsonNode product = context.path("referred_product");
        return new ReplyContext(nonBlank(text(context, "id")), context.path("forwarded").asBoolean(false),
                context.path("frequently_forwarded").asBoolean(false), text(product, "catalog_id"),
                text(product, "product_retailer_id"), null, null);
    }

    private static Referral referral(JsonNode referral) {
        if (!referral.isObject()) {
            return null;
        }
        String sourceType = text(referral, "source_type");
        String sourceId = text(referral, "source_id");
        String mediaType = text(referral, "media_type");
        String mediaUrl = "video".equals(mediaType)
                ? firstNonNull(text(referral, "video_url"), text(referral, "image_url"))
                : firstNonNull(text(referral, "image_url"), text(referral, "video_url"));
        // Click-to-WhatsApp ads put the ad id in source_id; other sources (posts) have no ad.
        String adId = "ad".equals(sourceType) ? sourceId : null;
        return new Referral(null, sourceType, sourceId, text(referral, "source_url"), null, adId,
                text(referral, "headline"), text(referral, "body"), mediaType, mediaUrl, text(referral, "ctwa_clid"));
    }

    private static List<ChannelError> errors(JsonNode errors) {
        List<ChannelError> result = new ArrayList<>();
        for (JsonNode error : array(errors)) {
            result.add(channelError(error));
        }
        return result;
    }

    private static ChannelError channelError(JsonNode error) {
        Integer code = intValue(error.path("code"));
        if (code == null) {
            throw new Malformed("error without a numeric code: " + fragment(error));
        }
        return new ChannelError(code, intValue(error.path("error_subcode")), text(error, "title"),
                text(error, "message"), text(error.path("error_data"), "details"), text(error, "href"));
    }

    // ---- lenient JSON reading ------------------------------------------------------------------------------

    /** A scalar as text (ids and numbers arrive as either); null when absent, null or not a scalar. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    private static String required(JsonNode node, String field, String what) {
        String value = nonBlank(text(node, field));
        if (value == null) {
            throw new Malformed(what + " without " + field);
        }
        return value;
    }

    /** Epoch seconds, as the string WhatsApp documents or as a number. */
    private static Instant timestamp(JsonNode node) {
        JsonNode timestamp = node.path("timestamp");
        try {
            if (timestamp.isIntegralNumber() && timestamp.canConvertToLong()) {
                return Instant.ofEpochSecond(timestamp.longValue());
            }
            if (timestamp.isTextual()) {
                return Instant.ofEpochSecond(Long.parseLong(timestamp.textValue().trim()));
            }
        } catch (NumberFormatException | DateTimeException e) {
            // reported below, with the offending value
        }
        throw new Malformed(timestamp.isMissingNode() ? "missing timestamp" : "bad timestamp " + timestamp);
    }

    private static Integer intValue(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        try {
            return node.isTextual() ? Integer.valueOf(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        try {
            return node.isTextual() ? Long.valueOf(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Double doubleValue(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return node.isTextual() ? Double.valueOf(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static BigDecimal decimal(JsonNode node) {
        if (node.isNumber()) {
            return node.decimalValue();
        }
        try {
            return node.isTextual() ? new BigDecimal(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A string field, or an embedded object written back as JSON. */
    private static String json(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    private static Iterable<JsonNode> array(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    private static List<String> values(JsonNode array, String field) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array(array)) {
            String value = nonBlank(text(item, field));
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    private static String fragment(JsonNode node) {
        return node == null ? "null" : node.toString();
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    // ---- small types ---------------------------------------------------------------------------------------

    /** Turns one item of a value array into an event, or throws {@link Malformed}. */
    @FunctionalInterface
    private interface Item {
        ConversationEvent apply(JsonNode item, Scope scope, String where);
    }

    /** What every item of one change shares. {@code where} locates the change in the body for dead letters. */
    private record Scope(String phoneNumberId, JsonNode contacts, WebhookContext context, JsonNode body,
            String where) {

        /** The {@code value.contacts[]} entry of a user: batches carry several, matched by phone or BSUID. */
        JsonNode contactFor(String waId, String bsuid) {
            for (JsonNode contact : array(contacts)) {
                if (waId != null && waId.equals(text(contact, "wa_id"))
                        || bsuid != null && bsuid.equals(text(contact, "user_id"))) {
                    return contact;
                }
            }
            return MissingNode.getInstance();
        }

        Instant receivedAt() {
            return context.receivedAt();
        }

        RawRef raw() {
            return context.raw();
        }
    }

    /** The common head of a message-like item: its wamid, when it happened and who is on the other side. */
    private record Origin(Scope scope, String wamid, Instant occurredAt, Customer customer) {

        String eventId() {
            return CHANNEL.prefix() + ":" + wamid;
        }

        String accountId() {
            return scope.phoneNumberId();
        }

        String conversationKey() {
            return CHANNEL.conversationKey(scope.phoneNumberId(), customer.externalUserId());
        }

        Instant receivedAt() {
            return scope.receivedAt();
        }

        RawRef raw() {
            return scope.raw();
        }
    }

    /** The type-specific part of a message's content. */
    private record Body(MessageType type, String text, String payload, List<MediaRef> media, Location location,
            List<SharedContact> contacts, Order order) {

        static Body of(MessageType type, String text, String payload) {
            return new Body(type, text, payload, List.of(), null, List.of(), null);
        }
    }

    /** One item cannot become an event; caught per item, so the rest of the batch still normalizes. */
    private static final class Malformed extends RuntimeException {

        private static final long serialVersionUID = 1L;

        Malformed(String reason) {
            super(reason, null, false, false);
        }
    }
}
