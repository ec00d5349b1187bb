package io.switchboard.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/** Finds and reads {@code docs/asyncapi.yaml} the way the official AsyncAPI tools do: a duplicate key is an error. */
final class ContractDocument {

    /**
     * YAML forbids duplicate keys, but Jackson keeps the last one by default, so a document the AsyncAPI tools refuse
     * would pass here. Strict detection makes the reader fail like they do.
     */
    static final ObjectMapper STRICT_YAML = YAMLMapper.builder(new YAMLFactory())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private ContractDocument() {
    }

    static JsonNode read(Path path) throws IOException {
        return STRICT_YAML.readTree(path.toFile());
    }

    static JsonNode read(String yaml) throws IOException {
        return STRICT_YAML.readTree(yaml);
    }

    /** The node a local {@code $ref} points at, followed as often as it takes; any other node as it is. */
    static JsonNode deref(JsonNode contract, JsonNode node) {
        JsonNode ref = node.path("$ref");
        return ref.isTextual() && ref.asText().startsWith("#/")
                ? deref(contract, contract.at(ref.asText().substring(1))) : node;
    }

    static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new LinkedHashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    interface NodeVisitor {
        void visit(String path, JsonNode node);
    }

    /** Visits every object of the tree with its JSON pointer. */
    static void walk(JsonNode node, String path, NodeVisitor visitor) {
        if (node.isObject()) {
            visitor.visit(path.isEmpty() ? "/" : path, node);
            node.fields().forEachRemaining(entry -> walk(entry.getValue(), path + "/" + entry.getKey(), visitor));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "/" + i, visitor);
            }
        }
    }

    static Path locate() {
        // Surefire runs in events/, an IDE may run in the root: look upwards.
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("asyncapi.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("docs/asyncapi.yaml not found in " + start + " or above");
    }
}
