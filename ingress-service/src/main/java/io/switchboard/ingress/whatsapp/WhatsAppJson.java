package io.switchboard.ingress.whatsapp;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Lenient reading of WhatsApp's JSON: ids and numbers arrive as strings or numbers, optional fields as anything. */
final class WhatsAppJson {

    private WhatsAppJson() {
    }

    /** A scalar as text (ids and numbers arrive as either); null when absent, null or not a scalar. */
    static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value != null && value.isValueNode() && !value.isNull() ? value.asText() : null;
    }

    static String required(JsonNode node, String field, String what) {
        String value = nonBlank(text(node, field));
        if (value == null) {
            throw new Malformed(what + " without " + field);
        }
        return value;
    }

    /** Epoch seconds, as the string WhatsApp documents or as a number. */
    static Instant timestamp(JsonNode node) {
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

    static Integer intValue(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToInt()) {
            return node.intValue();
        }
        try {
            return node.isTextual() ? Integer.valueOf(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Long longValue(JsonNode node) {
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        try {
            return node.isTextual() ? Long.valueOf(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Double doubleValue(JsonNode node) {
        if (node.isNumber()) {
            return node.doubleValue();
        }
        try {
            return node.isTextual() ? Double.valueOf(node.textValue().trim()) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static BigDecimal decimal(JsonNode node) {
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
    static String json(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    static Iterable<JsonNode> array(JsonNode node) {
        return node.isArray() ? node : List.of();
    }

    static List<String> values(JsonNode array, String field) {
        List<String> result = new ArrayList<>();
        for (JsonNode item : array(array)) {
            String value = nonBlank(text(item, field));
            if (value != null) {
                result.add(value);
            }
        }
        return result;
    }

    static void putIfPresent(Map<String, String> map, String key, String value) {
        if (value != null && !value.isBlank()) {
            map.put(key, value);
        }
    }

    static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }

    static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }

    static String fragment(JsonNode node) {
        return node == null ? "null" : node.toString();
    }

    static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
