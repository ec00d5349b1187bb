package io.switchboard.ingress.custom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ConversationEvent;
import io.switchboard.ingress.normalize.EventBounds;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;
import io.switchboard.messaging.http.InputBounds;

/**
 * The bounds a custom source's body must keep beyond its schema, checked before it is accepted so that the source
 * hears of them at once (400 {@code input_out_of_bounds}, naming the field) rather than a dead letter later: no
 * string holds NUL, which the schema cannot refuse and PostgreSQL does downstream, an unpaired surrogate or another
 * control character ({@link #characters}); ids fit {@link InputBounds#ID},
 * names {@link InputBounds#LABEL}, texts {@link InputBounds#TEXT}; and the ids Switchboard builds from the source's
 * (event id, conversation key, with the source id in front) still fit {@link InputBounds#ID}.
 */
final class CustomSourceBounds {

    /** Which field of the body a derived event value is built from, so that the violation names the source's field. */
    private static final Map<String, String> BUILT_FROM = Map.of("eventId", "event_id",
            "conversationKey", "conversation.external_id");

    private CustomSourceBounds() {
    }

    static List<String> violations(String sourceId, JsonNode body) {
        List<String> out = new ArrayList<>();
        walk("", "", body, out);
        if (!out.isEmpty()) {
            return out;
        }
        JsonNode events = body.has("events") ? body.get("events") : null;
        int count = events == null ? 1 : events.size();
        for (int i = 0; i < count; i++) {
            JsonNode event = events == null ? body : events.get(i);
            String prefix = events == null ? "" : "events[" + i + "].";
            Normalized normalized = new CustomSourceNormalizer().normalize(event,
                    new WebhookContext(sourceId, Instant.now(), null));
            for (ConversationEvent built : normalized.events()) {
                for (String violation : EventBounds.violations(built)) {
                    String field = violation.substring(0, violation.indexOf(':'));
                    String from = BUILT_FROM.getOrDefault(field, field);
                    out.add(prefix + from + ": makes the event's " + field + " "
                            + violation.substring(field.length() + 2));
                }
            }
        }
        return out;
    }

    private static void walk(String path, String name, JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            Optional<String> violation = InputBounds.violation(path, node.textValue(), limit(name));
            violation.or(() -> characters(path, node.textValue(), isId(name))).ifPresent(out::add);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", name, node.get(i), out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                InputBounds.violation(at + " (the name)", field.getKey(), InputBounds.LABEL)
                        .or(() -> characters(at + " (the name)", field.getKey(), true)).ifPresent(out::add);
                walk(at, field.getKey(), field.getValue(), out);
            });
        }
    }

    private static int limit(String name) {
        if (isId(name)) {
            return InputBounds.ID;
        }
        return name.endsWith("name") ? InputBounds.LABEL : InputBounds.TEXT;
    }

    private static boolean isId(String name) {
        return name.equals("id") || name.endsWith("_id") || name.equals("reply_to");
    }

    /**
     * What a string may hold: Unicode scalar values only (an unpaired surrogate, which JSON can escape, has no UTF-8
     * form: {@code \ud800}, {@code \udfff} and {@code ?} would become one id), and no control characters (Unicode
     * category Cc: U+0000–U+001F, U+007F–U+009F), texts excepted tab, line feed and carriage return.
     */
    static Optional<String> characters(String path, String value, boolean id) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1));
            if (pair) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of(path + ": contains an unpaired surrogate (" + codePoint(c) + " at character "
                        + value.codePointCount(0, i) + ")");
            } else if (Character.getType(c) == Character.CONTROL && (id || (c != '\t' && c != '\n' && c != '\r'))) {
                return Optional.of(path + ": contains a control character (" + codePoint(c) + " at character "
                        + value.codePointCount(0, i) + ")");
            }
        }
        return Optional.empty();
    }

    private static String codePoint(char c) {
        return String.format("U+%04X", (int) c);
    }
}
