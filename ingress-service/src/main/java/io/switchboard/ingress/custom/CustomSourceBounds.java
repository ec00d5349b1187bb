package io.switchboard.ingress.custom;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ConversationEvent;
import io.switchboard.ingress.normalize.EventBounds;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;
import io.switchboard.messaging.http.InputBounds;

/**
 * The bounds a custom source's body must keep beyond its schema, checked before it is accepted so that the source
 * hears of them at once (400 {@code input_out_of_bounds}, naming the field) rather than a dead letter later: no
 * string holds NUL, which the schema cannot refuse and PostgreSQL does downstream; ids fit {@link InputBounds#ID},
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
            InputBounds.violation(path, node.textValue(), limit(name)).ifPresent(out::add);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", name, node.get(i), out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                InputBounds.violation(at + " (the name)", field.getKey(), InputBounds.LABEL).ifPresent(out::add);
                walk(at, field.getKey(), field.getValue(), out);
            });
        }
    }

    private static int limit(String name) {
        if (name.equals("id") || name.endsWith("_id")) {
            return InputBounds.ID;
        }
        return name.endsWith("name") ? InputBounds.LABEL : InputBounds.TEXT;
    }
}
