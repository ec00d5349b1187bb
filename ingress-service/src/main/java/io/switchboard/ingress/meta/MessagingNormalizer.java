package io.switchboard.ingress.meta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEchoed;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageType;
import io.switchboard.events.RawRef;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.ConversationEvent;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Messenger ({@code object:"page"}) and Instagram ({@code object:"instagram"}) webhooks to events. Walks
 * {@code entry[] × messaging[]} and {@code entry[] × standby[]}; each item is one event key (message, postback,
 * reaction, message_edit, delivery, read, referral) and becomes its events or one rejection, never a part of each.
 * Items with another key (optin, handover, policy_enforcement …) are ignored as {@code messaging:<key>}.
 *
 * <p>Standby items (another app owns the thread under the Handover Protocol) normalize exactly like messaging items:
 * they are the same customer messages with the same ids, so the transcript stays complete and deduplicates when
 * thread control moves; whether to offer such a conversation to agents is routing's decision, not the normalizer's.
 */
public final class MessagingNormalizer implements ChannelNormalizer {

    /** Below this a timestamp is epoch seconds (10^11 s is the year 5138; 10^11 ms is 1973). */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    /** Event keys in the order they are looked for; a postback's or message's nested referral is not the key. */
    private static final List<String> EVENT_KEYS =
            List.of("message", "postback", "reaction", "message_edit", "delivery", "read", "referral");

    private static final Set<String> ENVELOPE_KEYS = Set.of("sender", "recipient", "timestamp");

    private static final WebhookContext NO_CONTEXT = new WebhookContext(null, null, null);

    @Override
    public Normalized normalize(JsonNode body, WebhookContext context) {
        Normalized.Builder out = new Normalized.Builder();
        WebhookContext webhook = context == null ? NO_CONTEXT : context;
        Channel channel = body == null ? null : channel(body.path("object").asText(""));
        if (channel == null) {
            return out.reject("not a Messenger or Instagram webhook (object is neither page nor instagram)",
                    String.valueOf(body)).build();
        }
        JsonNode entries = body.get("entry");
        if (entries == null || !entries.isArray()) {
            return out.reject("entry is missing or not an array", body.toString()).build();
        }
        entries.forEach(entry -> normalizeEntry(channel, entry, webhook, out));
        return out.build();
    }

    private static Channel channel(String object) {
        switch (object) {
            case "page":
                return Channel.MESSENGER;
            case "instagram":
                return Channel.INSTAGRAM;
            default:
                return null;
        }
    }

    private void normalizeEntry(Channel channel, JsonNode entry, WebhookContext context, Normalized.Builder out) {
        JsonNode id = entry.get("id");
        if (!entry.isObject() || id == null || !id.isValueNode() || id.isNull() || id.asText().isEmpty()) {
            out.reject("entry without id", entry.toString());
            return;
        }
        Long entryTime = optionalMillisOrNull(entry.get("time"));
        for (String list : List.of("messaging", "standby")) {
            JsonNode items = entry.get(list);
            if (items == null || items.isNull()) {
                continue;
            }
            if (!items.isArray()) {
                out.reject("entry." + list + " is not an array", entry.toString());
                continue;
            }
            for (JsonNode item : items) {
                normalizeItem(new Item(channel, id.asText(), entryTime, item, context), out);
            }
        }
        // Comments and mentions (entry.changes[]) reach the same endpoint; Switchboard does not route them.
        JsonNode changes = entry.get("changes");
        if (changes != null && changes.isArray()) {
            changes.forEach(change -> out.ignore("changes:" + change.path("field").asText("unknown")));
        }
    }

    /** One item's events are added only when the whole item could be read. */
    private void normalizeItem(Item item, Normalized.Builder out) {
        if (!item.node.isObject()) {
            out.reject("messaging item is not an object", item.node.toString());
            return;
        }
        String key = eventKey(item.node);
        if (key == null) {
            String unknown = firstUnknownKey(item.node);
            if (unknown == null) {
                out.reject("messaging item has no event", item.node.toString());
            } else {
                out.ignore("messaging:" + unknown);
            }
            return;
        }
        try {
            events(key, item).forEach(out::event);
        } catch (Malformed e) {
            out.reject(e.getMessage(), item.node.toString());
        } catch (RuntimeException e) {
            // The contract is "never throw on bad input": an unforeseen shape is a dead letter, not a failed batch.
            out.reject(key + ": cannot normalize (" + e + ")", item.node.toString());
        }
    }

    private static String eventKey(JsonNode node) {
        for (String key : EVENT_KEYS) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                return key;
            }
        }
        return null;
    }

    private static String firstUnknownKey(JsonNode node) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ENVELOPE_KEYS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private List<ConversationEvent> events(String key, Item item) {
        switch (key) {
            case "message":
                return List.of(message(item));
            case "postback":
                return List.of(postback(item));
            case "reaction":
                return List.of(reaction(item));
            case "message_edit":
                return List.of(edit(item));
            case "delivery":
                return delivery(item);
            case "read":
                return List.of(read(item));
            default:
                return List.of(referral(item));
        }
    }

    // --- messages -------------------------------------------------------------------------------------------------

    private ConversationEvent message(Item item) {
        JsonNode message = object(item.node, "message");
        String mid = requiredText(message, "message.mid");
        boolean echo = message.path("is_echo").asBoolean(false);
        // An echo is the business's own message: the customer is its recipient.
        String userId = echo ? item.recipientId() : item.senderId();
        Instant at = item.occurredAt(null);
        if (message.path("is_deleted").asBoolean(false)) {
            return new MessageRevoked(item.id(mid + ":deleted"), item.channel, item.accountId,
                    item.conversationKey(userId), item.customer(userId), mid, mid, at, item.receivedAt(), item.raw());
        }
        MessageContent content = content(message);
        if (echo) {
            return new MessageEchoed(item.id(mid), item.channel, item.accountId, item.conversationKey(userId),
                    item.customer(userId), mid, at, item.receivedAt(), content, text(message, "app_id"),
                    text(message, "metadata"), item.raw());
        }
        return new MessageReceived(item.id(mid), item.channel, item.accountId, item.conversationKey(userId),
                item.customer(userId), mid, at, item.receivedAt(), content, item.raw());
    }

    private static MessageContent content(JsonNode message) {
        String text = text(message, "text");
        String quickReply = text(message.path("quick_reply"), "payload");
        List<MediaRef> media = attachments(message.get("attachments"));
        Referral referral = referral(message.get("referral"));
        MessageType type = messageType(message, text, quickReply, media, referral);
        return new MessageContent(type, text, quickReply, media, null, null, null,
                replyTo(message.get("reply_to")), referral, null);
    }

    /**
     * Attachments decide the type (by the first one); a message with a mid but nothing Switchboard can show is
     * {@code UNSUPPORTED}, so the agent still learns that the customer wrote.
     */
    private static MessageType messageType(JsonNode message, String text, String quickReply, List<MediaRef> media,
            Referral referral) {
        if (message.path("is_unsupported").asBoolean(false)) {
            return MessageType.UNSUPPORTED;
        }
        if (!media.isEmpty()) {
            return attachmentType(media.get(0).kind());
        }
        if (quickReply != null) {
            return MessageType.QUICK_REPLY;
        }
        if (text != null) {
            return MessageType.TEXT;
        }
        return referral != null ? MessageType.REFERRAL : MessageType.UNSUPPORTED;
    }

    private static MessageType attachmentType(String kind) {
        switch (kind) {
            case "image":
                return MessageType.IMAGE;
            case "audio":
                return MessageType.AUDIO;
            case "video":
                return MessageType.VIDEO;
            case "file":
                return MessageType.DOCUMENT;
            case "sticker":
                return MessageType.STICKER;
            default:
                // reel, ig_reel, post, ig_post, share, story_mention, fallback, template …: something shared.
                return MessageType.SHARE;
        }
    }

    /**
     * One {@link MediaRef} per attachment, kind = Meta's attachment type (an image with a {@code sticker_id}, like
     * Messenger's thumbs-up, is a {@code sticker}); the URL is null when Meta gave none.
     */
    private static List<MediaRef> attachments(JsonNode attachments) {
        if (attachments == null || attachments.isNull()) {
            return List.of();
        }
        if (!attachments.isArray()) {
            throw new Malformed("message.attachments is not an array");
        }
        List<MediaRef> media = new ArrayList<>();
        for (JsonNode attachment : attachments) {
            String type = requiredText(attachment, "message.attachments[].type");
            JsonNode payload = attachment.path("payload");
            String kind = "image".equals(type) && payload.hasNonNull("sticker_id") ? "sticker" : type;
            media.add(MediaRef.ofUrl(kind, text(payload, "url")));
        }
        return media;
    }

    /** {@code reply_to.mid} quotes a message; Instagram's {@code reply_to.story} answers a story. */
    private static ReplyContext replyTo(JsonNode replyTo) {
        if (replyTo == null || !replyTo.isObject()) {
            return null;
        }
        JsonNode story = replyTo.get("story");
        if (story != null && story.isObject()) {
            return new ReplyContext(text(replyTo, "mid"), false, false, null, null, text(story, "id"),
                    text(story, "url"));
        }
        String mid = text(replyTo, "mid");
        return mid == null ? null : ReplyContext.quoting(mid);
    }

    /** Meta's {@code referral}: ref, source (ADS, SHORTLINK …), type (OPEN_THREAD), ad id and ad context. */
    private static Referral referral(JsonNode referral) {
        if (referral == null || !referral.isObject()) {
            return null;
        }
        JsonNode ad = referral.path("ads_context_data");
        String photo = text(ad, "photo_url");
        String video = text(ad, "video_url");
        String mediaType = photo != null ? "image" : video != null ? "video" : null;
        return new Referral(text(referral, "source"), text(referral, "type"), text(ad, "post_id"),
                text(referral, "referer_uri"), text(referral, "ref"), text(referral, "ad_id"),
                text(ad, "ad_title"), null, mediaType, photo != null ? photo : video, null);
    }

    // --- other customer events ------------------------------------------------------------------------------------

    private ConversationEvent postback(Item item) {
        JsonNode postback = object(item.node, "postback");
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        String mid = text(postback, "mid");
        // Postbacks from older clients carry no mid: the user and the moment identify them.
        String eventId = mid != null ? item.id(mid) : item.id(userId + ":" + at.toEpochMilli() + ":postback");
        MessageContent content = new MessageContent(MessageType.POSTBACK, text(postback, "title"),
                text(postback, "payload"), null, null, null, null, null, referral(postback.get("referral")), null);
        return new MessageReceived(eventId, item.channel, item.accountId, item.conversationKey(userId),
                item.customer(userId), mid, at, item.receivedAt(), content, item.raw());
    }

    /** A customer opened an existing thread from an m.me / ig.me link or an ad, without writing. */
    private ConversationEvent referral(Item item) {
        Referral referral = referral(object(item.node, "referral"));
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        MessageContent content = new MessageContent(MessageType.REFERRAL, null, null, null, null, null, null, null,
                referral, null);
        return new MessageReceived(item.id(userId + ":" + at.toEpochMilli() + ":referral"), item.channel,
                item.accountId, item.conversationKey(userId), item.customer(userId), null, at, item.receivedAt(),
                content, item.raw());
    }

    private ConversationEvent reaction(Item item) {
        JsonNode reaction = object(item.node, "reaction");
        String mid = requiredText(reaction, "reaction.mid");
        String action = requiredText(reaction, "reaction.action");
        if (!"react".equals(action) && !"unreact".equals(action)) {
            throw new Malformed("reaction.action is neither react nor unreact: " + action);
        }
        boolean removed = "unreact".equals(action);
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        return new MessageReacted(item.id(mid + ":" + action + ":" + at.toEpochMilli()), item.channel,
                item.accountId, item.conversationKey(userId), item.customer(userId), null, mid,
                removed ? null : text(reaction, "emoji"), removed ? null : text(reaction, "reaction"), removed, at,
                item.receivedAt(), item.raw());
    }

    /** Edits keep the original mid, so the id adds the edit count (or the moment, should Meta omit it). */
    private ConversationEvent edit(Item item) {
        JsonNode edit = object(item.node, "message_edit");
        String mid = requiredText(edit, "message_edit.mid");
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        JsonNode numEdit = edit.get("num_edit");
        Integer editCount = numEdit != null && numEdit.canConvertToInt() ? numEdit.asInt() : null;
        String version = editCount != null ? String.valueOf(editCount) : "at" + at.toEpochMilli();
        return new MessageEdited(item.id(mid + ":edited:" + version), item.channel, item.accountId,
                item.conversationKey(userId), item.customer(userId), mid, mid,
                MessageContent.text(text(edit, "text")), editCount, at, item.receivedAt(), item.raw());
    }

    // --- receipts -------------------------------------------------------------------------------------------------

    /** One receipt per delivered mid, all with the watermark; without mids, one receipt for the watermark. */
    private List<ConversationEvent> delivery(Item item) {
        JsonNode delivery = object(item.node, "delivery");
        String userId = item.senderId();
        Long watermark = optionalMillis(delivery.get("watermark"), "delivery.watermark");
        Instant at = item.occurredAt(watermark);
        List<String> mids = mids(delivery.get("mids"));
        if (mids.isEmpty()) {
            if (watermark == null) {
                throw new Malformed("delivery has neither mids nor watermark");
            }
            return List.of(receipt(item, userId, item.id(userId + ":" + watermark + ":delivered"), null,
                    DeliveryState.DELIVERED, watermark, at));
        }
        List<ConversationEvent> receipts = new ArrayList<>();
        for (String mid : mids) {
            receipts.add(receipt(item, userId, item.id(mid + ":delivered"), mid, DeliveryState.DELIVERED, watermark,
                    at));
        }
        return receipts;
    }

    /** Messenger reads carry a watermark; Instagram's {@code messaging_seen} names the mid that was seen. */
    private ConversationEvent read(Item item) {
        JsonNode read = object(item.node, "read");
        String userId = item.senderId();
        Long watermark = optionalMillis(read.get("watermark"), "read.watermark");
        Instant at = item.occurredAt(watermark);
        String mid = text(read, "mid");
        if (mid != null) {
            return receipt(item, userId, item.id(mid + ":read"), mid, DeliveryState.READ, watermark, at);
        }
        if (watermark == null) {
            throw new Malformed("read has neither mid nor watermark");
        }
        return receipt(item, userId, item.id(userId + ":" + watermark + ":read"), null, DeliveryState.READ,
                watermark, at);
    }

    private static DeliveryStatusChanged receipt(Item item, String userId, String eventId, String mid,
            DeliveryState state, Long watermark, Instant at) {
        return new DeliveryStatusChanged(eventId, item.channel, item.accountId, item.conversationKey(userId), userId,
                mid, state, watermark == null ? null : Instant.ofEpochMilli(watermark), null, null, null, at,
                item.receivedAt(), item.raw());
    }

    private static List<String> mids(JsonNode mids) {
        if (mids == null || mids.isNull()) {
            return List.of();
        }
        if (!mids.isArray()) {
            throw new Malformed("delivery.mids is not an array");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode mid : mids) {
            if (!mid.isTextual() || mid.asText().isEmpty()) {
                throw new Malformed("delivery.mids holds a non-string: " + mid);
            }
            values.add(mid.asText());
        }
        return values;
    }

    // --- JSON helpers ---------------------------------------------------------------------------------------------

    private static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new Malformed(field + " is not an object");
        }
        return node;
    }

    /** A scalar as text (ids may come as numbers, e.g. {@code app_id}); null when absent. */
    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isValueNode()) {
            throw new Malformed(field + " is not a scalar");
        }
        return node.asText();
    }

    /** @param path the field's path in the item, for the rejection; its last segment names it in {@code parent} */
    private static String requiredText(JsonNode parent, String path) {
        String value = parent.isObject() ? text(parent, path.substring(path.lastIndexOf('.') + 1)) : null;
        if (value == null || value.isEmpty()) {
            throw new Malformed(path + " is missing");
        }
        return value;
    }

    /** Epoch milliseconds from a number or a numeric string, seconds scaled up by magnitude; null when absent. */
    private static Long optionalMillis(JsonNode node, String name) {
        if (node == null || node.isNull()) {
            return null;
        }
        long value;
        if (node.isNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual()) {
            try {
                value = Long.parseLong(node.asText().trim());
            } catch (NumberFormatException e) {
                throw new Malformed(name + " is not a timestamp: " + node);
            }
        } else {
            throw new Malformed(name + " is not a timestamp: " + node);
        }
        if (value <= 0) {
            throw new Malformed(name + " is not a timestamp: " + node);
        }
        return value < SECONDS_LIMIT ? value * 1000 : value;
    }

    /** {@code entry.time} is only a fallback for items without a timestamp: when unreadable, it is not there. */
    private static Long optionalMillisOrNull(JsonNode node) {
        try {
            return optionalMillis(node, "entry.time");
        } catch (Malformed e) {
            return null;
        }
    }

    /** One {@code messaging[]} or {@code standby[]} item with what it inherits from its entry and webhook. */
    private static final class Item {
        private final Channel channel;
        private final String accountId;
        private final Long entryTime;
        private final JsonNode node;
        private final WebhookContext context;

        Item(Channel channel, String accountId, Long entryTime, JsonNode node, WebhookContext context) {
            this.channel = channel;
            this.accountId = accountId;
            this.entryTime = entryTime;
            this.node = node;
            this.context = context;
        }

        String senderId() {
            return requiredText(node.path("sender"), "sender.id");
        }

        String recipientId() {
            return requiredText(node.path("recipient"), "recipient.id");
        }

        /**
         * The item's timestamp; else the given fallback (a receipt's watermark); else the entry's time; else when
         * the webhook arrived.
         */
        Instant occurredAt(Long fallback) {
            Long millis = optionalMillis(node.get("timestamp"), "timestamp");
            if (millis == null) {
                millis = fallback != null ? fallback : entryTime;
            }
            if (millis != null) {
                return Instant.ofEpochMilli(millis);
            }
            if (context.receivedAt() == null) {
                throw new Malformed("no timestamp, and no time of receipt to use instead");
            }
            return context.receivedAt();
        }

        /** Event ids per docs/channels.md §8.1: {@code fb:…} / {@code ig:…}. */
        String id(String suffix) {
            return channel.prefix() + ":" + suffix;
        }

        String conversationKey(String userId) {
            return channel.conversationKey(accountId, userId);
        }

        Customer customer(String userId) {
            return Customer.of(userId, Map.of(channel == Channel.MESSENGER ? "psid" : "igsid", userId));
        }

        Instant receivedAt() {
            return context.receivedAt();
        }

        RawRef raw() {
            return context.raw();
        }
    }

    /** An item this normalizer cannot read; becomes a rejection of that item only. Cheap: no stack trace. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
