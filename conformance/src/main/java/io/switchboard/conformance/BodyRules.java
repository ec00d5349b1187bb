package io.switchboard.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The rules a body must keep (docs/custom-source.md §2.4, §2.5, §3), each violation under its rule: strict JSON
 * (CS-2.6), characters (CS-2.7), the ids Switchboard builds (CS-2.8) and schema v1 (CS-3.1). Written from the
 * document, not from ingress-service's code, so that it checks the document's promises rather than repeating them.
 */
public final class BodyRules {

    public static final int MAX_BYTES = 1_048_576;
    public static final int MAX_DEPTH = 16;
    private static final int MAX_BUILT_ID = 255;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final JsonSchema SCHEMA = schema();

    private BodyRules() {
    }

    /** Violations by rule, in rule order; empty when the body keeps every rule. Stops at the first rule broken. */
    public static Map<Rule, List<String>> violations(String sourceId, byte[] body) {
        Map<Rule, List<String>> out = new TreeMap<>();
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (IOException e) {
            out.put(Rule.CS_2_6, List.of("not one strict JSON value: " + e.getMessage().lines().findFirst().orElse("")));
            return out;
        }
        if (tree == null || tree.isMissingNode()) {
            out.put(Rule.CS_2_6, List.of("empty body"));
            return out;
        }
        List<String> characters = new ArrayList<>();
        walk("body", "", tree, characters);
        if (!characters.isEmpty()) {
            out.put(Rule.CS_2_7, characters);
            return out;
        }
        List<String> schema = SCHEMA.validate(tree).stream().map(ValidationMessage::getMessage).sorted().toList();
        if (!schema.isEmpty()) {
            out.put(Rule.CS_3_1, schema);
            return out;
        }
        List<String> built = new ArrayList<>();
        for (JsonNode event : events(tree)) {
            builtId(sourceId, "event_id", event.path("event_id").asText(), built);
            builtId(sourceId, "conversation.external_id", event.path("conversation").path("external_id").asText(),
                    built);
        }
        if (!built.isEmpty()) {
            out.put(Rule.CS_2_8, built);
        }
        return out;
    }

    /** The events of a body that passed the schema: the one event, or the batch's. */
    public static List<JsonNode> events(JsonNode body) {
        List<JsonNode> events = new ArrayList<>();
        if (body.has("events")) {
            body.get("events").forEach(events::add);
        } else {
            events.add(body);
        }
        return events;
    }

    /** A body that passed {@link #violations}, as a tree. */
    public static JsonNode read(byte[] body) {
        try {
            return STRICT.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void builtId(String sourceId, String field, String id, List<String> out) {
        int length = ("custom:" + sourceId + ":" + id).length();
        if (length > MAX_BUILT_ID) {
            out.add(field + ": makes an id of " + length + " UTF-16 code units (at most " + MAX_BUILT_ID + ")");
        }
    }

    private static void walk(String path, String name, JsonNode node, List<String> out) {
        if (node.isTextual()) {
            characters(path, node.textValue(), isId(name)).ifPresent(out::add);
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(path + "[" + i + "]", name, node.get(i), out);
            }
        } else if (node.isObject()) {
            node.fields().forEachRemaining(field -> {
                String at = path + "." + field.getKey();
                characters(at + " (key)", field.getKey(), true).ifPresent(out::add);
                walk(at, field.getKey(), field.getValue(), out);
            });
        }
    }

    private static boolean isId(String name) {
        return name.equals("event_id") || name.equals("account_id") || name.equals("external_id")
                || name.equals("message_external_id") || name.equals("reply_to");
    }

    /** §2.5: scalar values only (no lone surrogate), no NUL; ids no Cc at all, texts Cc but tab, LF and CR. */
    static java.util.Optional<String> characters(String path, String value, boolean id) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                i++;
                continue;
            }
            String at = String.format("U+%04X at character %d", (int) c, value.codePointCount(0, i));
            if (Character.isSurrogate(c)) {
                return java.util.Optional.of(path + ": an unpaired surrogate (" + at + ")");
            }
            boolean allowed = !id && (c == '\t' || c == '\n' || c == '\r');
            if (Character.getType(c) == Character.CONTROL && !allowed) {
                return java.util.Optional.of(path + ": a control character (" + at + ")");
            }
        }
        return java.util.Optional.empty();
    }

    private static JsonSchema schema() {
        String resource = "/custom-source/v1/webhook.schema.json";
        try (InputStream in = BodyRules.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
            JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(new ObjectMapper().readTree(in), config);
            compiled.initializeValidators();
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
