package io.switchboard.ingress.meta;

import com.fasterxml.jackson.databind.JsonNode;

/** Strict reading of Messenger and Instagram JSON: what is there must have the expected shape, else {@link Malformed}. */
final class MessagingJson {

    /** Below this a timestamp is epoch seconds (10^11 s is the year 5138; 10^11 ms is 1973). */
    private static final long SECONDS_LIMIT = 100_000_000_000L;

    private MessagingJson() {
    }

    static JsonNode object(JsonNode parent, String field) {
        JsonNode node = parent.get(field);
        if (node == null || !node.isObject()) {
            throw new Malformed(field + " is not an object");
        }
        return node;
    }

    /** A scalar as text (ids may come as numbers, e.g. {@code app_id}); null when absent. */
    static String text(JsonNode parent, String field) {
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
    static String requiredText(JsonNode parent, String path) {
        String value = parent.isObject() ? text(parent, path.substring(path.lastIndexOf('.') + 1)) : null;
        if (value == null || value.isEmpty()) {
            throw new Malformed(path + " is missing");
        }
        return value;
    }

    /** Epoch milliseconds from a number or a numeric string, seconds scaled up by magnitude; null when absent. */
    static Long optionalMillis(JsonNode node, String name) {
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
    static Long optionalMillisOrNull(JsonNode node) {
        try {
            return optionalMillis(node, "entry.time");
        } catch (Malformed e) {
            return null;
        }
    }
}
