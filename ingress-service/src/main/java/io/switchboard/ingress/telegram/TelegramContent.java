package io.switchboard.ingress.telegram;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ChannelError;
import io.switchboard.events.Location;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageType;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.SharedContact;

/**
 * The content of a Telegram {@code Message} (docs/channels.md §5.3). Media is referenced by {@code file_id} (fetched
 * later through {@code getFile}; Telegram gives no URL in the update); a photo comes in several sizes and the
 * largest, the last, is kept. A message of a kind not handled here (poll, dice, game …) becomes
 * {@code unsupported} with the kind named, so the agent still sees that the customer wrote.
 */
final class TelegramContent {

    /** The message fields that carry content, in the order they are looked for. */
    private static final List<String> KINDS = List.of("text", "photo", "document", "voice", "audio", "video",
            "video_note", "animation", "sticker", "location", "contact");

    private TelegramContent() {
    }

    static MessageContent of(JsonNode message) {
        ReplyContext replyTo = replyTo(message);
        String caption = text(message, "caption");
        if (message.hasNonNull("text")) {
            return content(MessageType.TEXT, text(message, "text"), null, List.of(), null, List.of(), replyTo);
        }
        if (message.path("photo").isArray() && message.path("photo").size() > 0) {
            JsonNode photo = largest(message.path("photo"));
            return content(MessageType.IMAGE, caption, null, List.of(media("image", photo, null, null)), null,
                    List.of(), replyTo);
        }
        if (message.has("document") || message.has("animation")) {
            // An animation (GIF) also carries document; the document is what can be fetched.
            JsonNode document = message.has("document") ? message.get("document") : message.get("animation");
            return content(MessageType.DOCUMENT, caption, null, List.of(media("document", document, null, null)),
                    null, List.of(), replyTo);
        }
        if (message.has("voice")) {
            return content(MessageType.AUDIO, caption, null, List.of(media("audio", message.get("voice"), true, null)),
                    null, List.of(), replyTo);
        }
        if (message.has("audio")) {
            return content(MessageType.AUDIO, caption, null, List.of(media("audio", message.get("audio"), null, null)),
                    null, List.of(), replyTo);
        }
        if (message.has("video") || message.has("video_note")) {
            JsonNode video = message.has("video") ? message.get("video") : message.get("video_note");
            return content(MessageType.VIDEO, caption, null, List.of(media("video", video, null, null)), null,
                    List.of(), replyTo);
        }
        if (message.has("sticker")) {
            JsonNode sticker = message.get("sticker");
            boolean animated = sticker.path("is_animated").asBoolean(false) || sticker.path("is_video").asBoolean(false);
            // The sticker's emoji is what a person would read for it.
            return content(MessageType.STICKER, text(sticker, "emoji"), null,
                    List.of(media("sticker", sticker, null, animated)), null, List.of(), replyTo);
        }
        if (message.has("location")) {
            JsonNode location = message.get("location");
            JsonNode venue = message.path("venue");
            return content(MessageType.LOCATION, null, null, List.of(),
                    new Location(location.path("latitude").asDouble(), location.path("longitude").asDouble(),
                            text(venue, "title"), text(venue, "address"), null),
                    List.of(), replyTo);
        }
        if (message.has("contact")) {
            JsonNode contact = message.get("contact");
            String name = join(text(contact, "first_name"), text(contact, "last_name"));
            List<String> phones = contact.hasNonNull("phone_number") ? List.of(text(contact, "phone_number"))
                    : List.of();
            return content(MessageType.CONTACTS, null, null, List.of(), null,
                    List.of(new SharedContact(name, null, phones, List.of(), List.of())), replyTo);
        }
        String kind = unknownKind(message);
        return new MessageContent(MessageType.UNSUPPORTED, caption, null, null, null, null, null, replyTo, null,
                List.of(new ChannelError(0, null, "unsupported_message",
                        "Telegram message of a kind Switchboard does not handle: " + kind, null, null)));
    }

    /** The quoted message of a reply; Telegram ids are unique within the chat, which the conversation key names. */
    private static ReplyContext replyTo(JsonNode message) {
        JsonNode quoted = message.path("reply_to_message");
        return quoted.hasNonNull("message_id") ? ReplyContext.quoting(quoted.get("message_id").asText()) : null;
    }

    private static JsonNode largest(JsonNode sizes) {
        JsonNode best = sizes.get(sizes.size() - 1);
        for (JsonNode size : sizes) {
            if (area(size) > area(best)) {
                best = size;
            }
        }
        return best;
    }

    private static long area(JsonNode size) {
        return size.path("width").asLong() * size.path("height").asLong();
    }

    private static MediaRef media(String kind, JsonNode file, Boolean voice, Boolean animated) {
        Long size = file.hasNonNull("file_size") ? file.get("file_size").asLong() : null;
        return new MediaRef(kind, text(file, "file_id"), null, text(file, "mime_type"), null, text(file, "file_name"),
                size, voice, animated);
    }

    private static MessageContent content(MessageType type, String text, String payload, List<MediaRef> media,
            Location location, List<SharedContact> contacts, ReplyContext replyTo) {
        return new MessageContent(type, text, payload, media, location, contacts, null, replyTo, null, null);
    }

    private static String unknownKind(JsonNode message) {
        List<String> fields = new ArrayList<>();
        message.fieldNames().forEachRemaining(fields::add);
        fields.removeAll(List.of("message_id", "message_thread_id", "from", "sender_chat", "chat", "date",
                "edit_date", "reply_to_message", "entities", "caption_entities", "caption", "forward_origin",
                "is_topic_message", "has_protected_content", "media_group_id", "author_signature", "via_bot"));
        fields.removeAll(KINDS);
        return fields.isEmpty() ? "(no content)" : fields.get(0);
    }

    static String join(String first, String last) {
        if (first == null) {
            return last;
        }
        return last == null ? first : first + " " + last;
    }

    static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? value.asText() : null;
    }
}
