package io.switchboard.ingress.custom;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.TypingIndicated;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Custom source protocol v1 ({@code docs/custom-source.md}) to events. Expects a body that already passed
 * {@link CustomSourceSchema}; anything it still cannot read becomes a rejection of that one event.
 * The source id ({@code /webhooks/custom/{sourceId}}) is the channel account: ids and conversation keys are scoped
 * by it, so two sources can use the same external ids.
 */
public final class CustomSourceNormalizer implements ChannelNormalizer {

    private static final Channel CHANNEL = Channel.CUSTOM;

    @Override
    public Normalized normalize(JsonNode body, WebhookContext context) {
        Normalized.Builder out = new Normalized.Builder();
        String sourceId = context == null ? null : context.sourceId();
        if (sourceId == null || sourceId.isBlank()) {
            return out.reject("no custom source id in the webhook context", String.valueOf(body)).build();
        }
        if (body == null || !body.isObject()) {
            return out.reject("body is not a JSON object", String.valueOf(body)).build();
        }
        JsonNode batch = body.get("events");
        if (batch == null) {
            normalizeEvent(sourceId, body, context, out);
        } else if (batch.isArray()) {
            batch.forEach(event -> normalizeEvent(sourceId, event, context, out));
        } else {
            out.reject("events is not an array", body.toString());
        }
        return out.build();
    }

    private void normalizeEvent(String sourceId, JsonNode event, WebhookContext context, Normalized.Builder out) {
        try {
            out.event(toEvent(new Source(sourceId, context), event));
        } catch (Malformed e) {
            out.reject(e.getMessage(), event.toString());
        }
    }

    private ConversationEvent toEvent(Source source, JsonNode event) {
        if (!event.isObject()) {
            throw new Malformed("event is not a JSON object");
        }
        String type = requiredText(event, "type");
        switch (type) {
            case "message":
                return message(source, event);
            case "status":
                return status(source, event);
            case "typing":
                return typing(source, event);
            case "read":
                return read(source, event);
            default:
                throw new Malformed("unknown event type: " + type);
        }
    }

    private MessageReceived message(Source source, JsonNode event) {
        JsonNode message = requiredObject(event, "message");
        return new MessageReceived(eventId(source, event), CHANNEL, source.id, conversationKey(source, event),
                customer(event), requiredText(message, "message.external_id"), occurredAt(event),
                source.receivedAt(), content(message), source.context.raw());
    }

    private DeliveryStatusChanged status(Source source, JsonNode event) {
        JsonNode status = requiredObject(event, "status");
        return new DeliveryStatusChanged(eventId(source, event), CHANNEL, source.id, conversationKey(source, event),
                userId(event), requiredText(status, "status.message_external_id"),
                state(requiredText(status, "status.state")),
                null, errors(status.get("error")), null, null, occurredAt(event), source.receivedAt(),
                source.context.raw());
    }

    private TypingIndicated typing(Source source, JsonNode event) {
        return new TypingIndicated(eventId(source, event), CHANNEL, source.id, conversationKey(source, event),
                customer(event), occurredAt(event), source.receivedAt(), source.context.raw());
    }

    /** The user read everything up to {@code occurred_at}: a watermark receipt, like Messenger's. */
    private DeliveryStatusChanged read(Source source, JsonNode event) {
        Instant at = occurredAt(event);
        String reader = requiredText(requiredObject(event, "user"), "user.external_id");
        return new DeliveryStatusChanged(eventId(source, event), CHANNEL, source.id, conversationKey(source, event),
                reader, null, DeliveryState.READ, at, null, null, null, at, source.receivedAt(),
                source.context.raw());
    }

    private static MessageContent content(JsonNode message) {
        String text = text(message, "text");
        String payload = text(message, "payload");
        List<MediaRef> media = media(message.get("media"));
        String replyTo = text(message, "reply_to");
        return new MessageContent(messageType(text, payload, media), text, payload, media, null, null, null,
                replyTo == null ? null : ReplyContext.quoting(replyTo), null, null);
    }

    /** Media decides the type (by the first item's MIME type); a payload means a button was chosen. */
    private static MessageType messageType(String text, String payload, List<MediaRef> media) {
        if (!media.isEmpty()) {
            return mediaType(media.get(0).mimeType());
        }
        if (payload != null) {
            return MessageType.BUTTON_REPLY;
        }
        if (text != null) {
            return MessageType.TEXT;
        }
        throw new Malformed("message has no text, media or payload");
    }

    private static MessageType mediaType(String mimeType) {
        String type = mimeType == null ? "" : mimeType.toLowerCase(Locale.ROOT);
        if (type.startsWith("image/")) {
            return MessageType.IMAGE;
        }
        if (type.startsWith("video/")) {
            return MessageType.VIDEO;
        }
        if (type.startsWith("audio/")) {
            return MessageType.AUDIO;
        }
        return MessageType.DOCUMENT;
    }

    private static List<MediaRef> media(JsonNode items) {
        if (items == null || items.isNull()) {
            return List.of();
        }
        if (!items.isArray()) {
            throw new Malformed("message.media is not an array");
        }
        List<MediaRef> media = new ArrayList<>();
        for (JsonNode item : items) {
            String mimeType = text(item, "mime_type");
            JsonNode size = item.get("size");
            media.add(new MediaRef(mediaType(mimeType).wireName(), null, requiredText(item, "message.media[].url"),
                    mimeType, text(item, "sha256"), text(item, "filename"),
                    size != null && size.canConvertToLong() ? size.asLong() : null, null, null));
        }
        return media;
    }

    private static Customer customer(JsonNode event) {
        JsonNode user = requiredObject(event, "user");
        String externalId = requiredText(user, "user.external_id");
        Map<String, String> identities = new LinkedHashMap<>();
        identities.put("external_id", externalId);
        putIfPresent(identities, "phone", text(user, "phone"));
        putIfPresent(identities, "email", text(user, "email"));
        return new Customer(externalId, text(user, "display_name"), null, text(user, "language"), identities,
                attributes(event, user));
    }

    /** The source's attributes, plus {@code account_id}: the protocol field wins over an attribute of that name. */
    private static Map<String, String> attributes(JsonNode event, JsonNode user) {
        Map<String, String> attributes = new LinkedHashMap<>();
        JsonNode given = user.get("attributes");
        if (given != null && given.isObject()) {
            given.properties().forEach(field -> {
                if (field.getValue().isValueNode() && !field.getValue().isNull()) {
                    attributes.put(field.getKey(), field.getValue().asText());
                }
            });
        }
        putIfPresent(attributes, "account_id", text(event, "account_id"));
        return attributes;
    }

    /**
     * The source's own error code is a string; {@link ChannelError#code()} keeps it as a number when it is one, and
     * the title always carries it verbatim so it is never lost.
     */
    private static List<ChannelError> errors(JsonNode error) {
        if (error == null || error.isNull()) {
            return List.of();
        }
        String code = requiredText(error, "status.error.code");
        return List.of(new ChannelError(numericCode(code), null, code, text(error, "message"), null, null));
    }

    private static int numericCode(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static DeliveryState state(String state) {
        return DeliveryState.fromWireName(state)
                .orElseThrow(() -> new Malformed("unknown status.state: " + state));
    }

    private static String eventId(Source source, JsonNode event) {
        return CHANNEL.prefix() + ":" + source.id + ":" + requiredText(event, "event_id");
    }

    private static String conversationKey(Source source, JsonNode event) {
        return CHANNEL.conversationKey(source.id, requiredText(requiredObject(event, "conversation"),
                "conversation.external_id"));
    }

    private static String userId(JsonNode event) {
        JsonNode user = event.get("user");
        return user == null || !user.isObject() ? null : text(user, "external_id");
    }

    /**
     * RFC 3339 as the schema accepts it: {@code T} or a space between date and time, either case, any offset.
     * A leap second ({@code :60}) reads as the second before it.
     */
    private static Instant occurredAt(JsonNode event) {
        String text = requiredText(event, "occurred_at");
        String normalized = text.toUpperCase(Locale.ROOT);
        if (normalized.length() > 10 && normalized.charAt(10) == ' ') {
            normalized = normalized.substring(0, 10) + 'T' + normalized.substring(11);
        }
        try {
            return DateTimeFormatter.ISO_INSTANT.parse(normalized, Instant::from);
        } catch (DateTimeParseException e) {
            throw new Malformed("occurred_at is not an RFC 3339 date-time: " + text);
        }
    }

    private static JsonNode requiredObject(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new Malformed(field + " is missing or not an object");
        }
        return node;
    }

    /** @param path the field's path in the event; its last segment is the field's name in {@code parent} */
    private static String requiredText(JsonNode parent, String path) {
        String value = text(parent, path.substring(path.lastIndexOf('.') + 1));
        if (value == null || value.isEmpty()) {
            throw new Malformed(path + " is missing or not a string");
        }
        return value;
    }

    private static String text(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    private static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** The source and webhook an event belongs to. */
    private static final class Source {
        private final String id;
        private final WebhookContext context;

        Source(String id, WebhookContext context) {
            this.id = id;
            this.context = context;
        }

        Instant receivedAt() {
            return context.receivedAt();
        }
    }

    /** An event this normalizer cannot read; becomes a rejection of that event only. Cheap: no stack trace. */
    private static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
