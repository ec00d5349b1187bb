package io.switchboard.ingress.meta;

import static io.switchboard.ingress.meta.MessagingJson.object;
import static io.switchboard.ingress.meta.MessagingJson.requiredText;
import static io.switchboard.ingress.meta.MessagingJson.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ConversationEvent;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEchoed;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageType;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;

/**
 * The customer's own items: {@code message} (with echoes and deletions), {@code postback}, {@code referral},
 * {@code reaction} and {@code message_edit}.
 */
final class MessagingMessages {

    private MessagingMessages() {
    }

    static ConversationEvent message(MessagingItem item) {
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
    static Referral referral(JsonNode referral) {
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

    static ConversationEvent postback(MessagingItem item) {
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
    static ConversationEvent referral(MessagingItem item) {
        Referral referral = referral(object(item.node, "referral"));
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        MessageContent content = new MessageContent(MessageType.REFERRAL, null, null, null, null, null, null, null,
                referral, null);
        return new MessageReceived(item.id(userId + ":" + at.toEpochMilli() + ":referral"), item.channel,
                item.accountId, item.conversationKey(userId), item.customer(userId), null, at, item.receivedAt(),
                content, item.raw());
    }

    static ConversationEvent reaction(MessagingItem item) {
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
    static ConversationEvent edit(MessagingItem item) {
        JsonNode edit = object(item.node, "message_edit");
        String mid = requiredText(edit, "message_edit.mid");
        // Instagram's message_edit may come without sender: the edit is then known by the mid it edits alone.
        String userId = item.optionalSenderId();
        Instant at = item.occurredAt(null);
        JsonNode numEdit = edit.get("num_edit");
        Integer editCount = numEdit != null && numEdit.canConvertToInt() ? numEdit.asInt() : null;
        String version = editCount != null ? String.valueOf(editCount) : "at" + at.toEpochMilli();
        return new MessageEdited(item.id(mid + ":edited:" + version), item.channel, item.accountId,
                userId == null ? item.accountKey() : item.conversationKey(userId),
                userId == null ? null : item.customer(userId), mid, mid,
                MessageContent.text(text(edit, "text")), editCount, at, item.receivedAt(), item.raw());
    }
}
