package io.switchboard.events;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
