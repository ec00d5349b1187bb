package io.switchboard.ingress.custom;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonNodePath;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * The custom source protocol v1 schema ({@code custom-source/v1/webhook.schema.json}), compiled once. Answers with
 * violations a third-party developer can act on, e.g. {@code events[2].occurred_at: must be a valid RFC 3339
 * date-time}. Thread-safe: the compiled schema is immutable.
 */
@Singleton
public final class CustomSourceSchema {

    public static final String RESOURCE = "/custom-source/v1/webhook.schema.json";

    private static final String ROOT = "body";

    private final JsonSchema schema;

    public CustomSourceSchema() {
        this.schema = load();
    }

    /** Every violation of the body, in document order; empty when the body is valid. */
    public List<String> violations(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            return List.of(ROOT + ": must be a JSON object");
        }
        Set<ValidationMessage> messages = schema.validate(body);
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<String, List<String>> alternatives = alternatives(messages);
        Set<String> violations = new LinkedHashSet<>();
        for (ValidationMessage message : messages) {
            if (isAlternative(message)) {
                String path = path(message.getInstanceLocation());
                violations.add(label(path) + ": must have at least one of "
                        + String.join(", ", alternatives.get(path)));
            } else {
                violations.add(describe(message));
            }
        }
        return List.copyOf(violations);
    }

    private static JsonSchema load() {
        try (InputStream in = CustomSourceSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing schema resource " + RESOURCE);
            }
            JsonNode document = new ObjectMapper().readTree(in);
            // 2020-12 treats "format" as an annotation unless asked; RFC 3339 timestamps must be enforced.
            SchemaValidatorsConfig config = SchemaValidatorsConfig.builder()
                    .formatAssertionsEnabled(true)
                    .pathType(PathType.JSON_POINTER)
                    .errorMessageKeyword("errorMessage")
                    .build();
            JsonSchema compiled = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                    .getSchema(document, config);
            // Resolve every $ref now, so concurrent first calls never race on lazy initialization.
            compiled.initializeValidators();
            return compiled;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /**
     * The validator reports an unmet {@code anyOf} of {@code required} branches as one "required" per branch;
     * gather them per object so the violation reads "must have at least one of text, media, payload".
     */
    private static Map<String, List<String>> alternatives(Set<ValidationMessage> messages) {
        Map<String, List<String>> byPath = new LinkedHashMap<>();
        for (ValidationMessage message : messages) {
            if (isAlternative(message)) {
                byPath.computeIfAbsent(path(message.getInstanceLocation()), path -> new ArrayList<>())
                        .add(message.getProperty());
            }
        }
        return byPath;
    }

    private static boolean isAlternative(ValidationMessage message) {
        return "required".equals(message.getType()) && message.getEvaluationPath().toString().contains("/anyOf/");
    }

    private static String describe(ValidationMessage message) {
        String path = path(message.getInstanceLocation());
        switch (message.getType()) {
            case "required":
                return child(path, message.getProperty()) + ": is required" + condition(message);
            case "additionalProperties":
                return child(path, message.getProperty()) + ": is not allowed (unknown property)";
            case "enum":
                return label(path) + ": must be one of " + enumValues(message.getSchemaNode());
            case "format":
                return label(path) + ": " + formatRule(message.getMessage());
            default:
                return label(path) + ": " + withoutLocation(message);
        }
    }

    /** Requirements that come from an event's {@code if type … then required} name the type that imposed them. */
    private static String condition(ValidationMessage message) {
        if (!message.getEvaluationPath().toString().endsWith("/then/required")) {
            return "";
        }
        JsonNode type = message.getInstanceNode() == null ? null : message.getInstanceNode().get("type");
        return type == null ? "" : " when type is \"" + type.asText() + "\"";
    }

    private static String enumValues(JsonNode values) {
        List<String> names = new ArrayList<>();
        values.forEach(value -> names.add(value.asText()));
        return String.join(", ", names);
    }

    /** "does not match the date-time pattern must be a valid RFC 3339 date-time" → the rule itself. */
    private static String formatRule(String text) {
        int rule = text.indexOf(" pattern ");
        return rule < 0 ? text : text.substring(rule + " pattern ".length());
    }

    private static String withoutLocation(ValidationMessage message) {
        String text = message.getMessage();
        String prefix = message.getInstanceLocation().toString() + ": ";
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    /** {@code /events/2/occurred_at} → {@code events[2].occurred_at}; the root is the empty string. */
    private static String path(JsonNodePath location) {
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < location.getNameCount(); i++) {
            Object element = location.getElement(i);
            if (element instanceof Integer) {
                path.append('[').append(element).append(']');
            } else {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(element);
            }
        }
        return path.toString();
    }

    private static String child(String path, String property) {
        return path.isEmpty() ? property : path + "." + property;
    }

    private static String label(String path) {
        return path.isEmpty() ? ROOT : path;
    }
}
