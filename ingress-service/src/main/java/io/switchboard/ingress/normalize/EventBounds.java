package io.switchboard.ingress.normalize;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.switchboard.events.ConversationEvent;
import io.switchboard.messaging.http.InputBounds;

/**
 * The bounds of messaging's {@link InputBounds} on every string of a normalized event, whatever channel it came from:
 * identifiers and keys (a component named {@code ...Id}, {@code ...Key} or {@code ...Ids}, and identity maps) at most
 * {@link InputBounds#ID}, names and short labels at most {@link InputBounds#LABEL}, anything else (texts, payloads,
 * URLs) at most {@link InputBounds#TEXT}; no NUL anywhere, since PostgreSQL refuses it downstream. Checked on the
 * event rather than on each channel's payload, so that a derived value (a conversation key built from two ids) is
 * bounded too.
 */
public final class EventBounds {

    private static final Set<String> LABELS = Set.of("displayName", "username", "formattedName", "organization",
            "name", "emoji", "reaction", "language", "pricingCategory", "kind", "mimeType", "change", "title");

    private EventBounds() {
    }

    /** Every violation of the event, {@code "<path>: <what is wrong>"}; empty when it is within bounds. */
    public static List<String> violations(ConversationEvent event) {
        List<String> out = new ArrayList<>();
        walk("", "", event, out);
        return out;
    }

    private static void walk(String path, String name, Object value, List<String> out) {
        if (value == null) {
            return;
        }
        if (value instanceof String text) {
            check(path, limit(name), text, out);
        } else if (value instanceof Record record) {
            for (RecordComponent component : record.getClass().getRecordComponents()) {
                walk(path.isEmpty() ? component.getName() : path + "." + component.getName(), component.getName(),
                        read(component, record), out);
            }
        } else if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(path + "[" + i + "]", name, list.get(i), out);
            }
        } else if (value instanceof Map<?, ?> map) {
            // identities hold ids (phone numbers, user ids); attributes are free-form values with label-sized keys.
            int valueLimit = name.toLowerCase(java.util.Locale.ROOT).contains("identit") ? InputBounds.ID
                    : InputBounds.TEXT;
            map.forEach((key, entry) -> {
                String at = path + "." + key;
                if (key instanceof String keyText) {
                    check(path + " key", InputBounds.LABEL, keyText, out);
                }
                if (entry instanceof String entryText) {
                    check(at, valueLimit, entryText, out);
                } else {
                    walk(at, name, entry, out);
                }
            });
        }
    }

    private static void check(String path, int max, String value, List<String> out) {
        Optional<String> violation = InputBounds.violation(path, value, max);
        violation.ifPresent(out::add);
    }

    static int limit(String name) {
        if (name.endsWith("Id") || name.endsWith("Key") || name.endsWith("Ids") || name.equals("sha256")) {
            return InputBounds.ID;
        }
        return LABELS.contains(name) ? InputBounds.LABEL : InputBounds.TEXT;
    }

    private static Object read(RecordComponent component, Record record) {
        try {
            java.lang.reflect.Method accessor = component.getAccessor();
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + component + " of " + record.getClass(), e);
        }
    }
}
