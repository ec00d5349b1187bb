package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What code generators and consumers in other languages need from {@code docs/asyncapi.yaml}: every channel with its
 * messages and operations, every payload and header set a named schema (generators make types of those, maps of
 * inline ones), the one dead-letter format on every dead-letter topic, and no schema that forbids the unknown fields
 * consumers must ignore.
 */
class ContractShapeTest {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String DEAD_LETTER_HEADERS = SCHEMAS + "DeadLetterHeaders";
    /** The headers of the one dead-letter format (ADR 0003), named as in messaging's {@code DeadLetterHeaders}. */
    private static final Set<String> DEAD_LETTER_FORMAT = Set.of("sb_dlq_reason", "sb_dlq_error_class",
            "sb_dlq_source_topic", "sb_dlq_source_partition", "sb_dlq_source_offset", "sb_dlq_outbox_id",
            "sb_dlq_service", "sb_dlq_at", "sb_dlq_truncated");
    /** Those every dead letter has; partition and offset, outbox id and truncation depend on the case. */
    private static final Set<String> DEAD_LETTER_ALWAYS = Set.of("sb_dlq_reason", "sb_dlq_error_class",
            "sb_dlq_source_topic", "sb_dlq_service", "sb_dlq_at");

    private static Path path;
    private static JsonNode contract;

    @BeforeAll
    static void readContract() throws IOException {
        path = ContractDocument.locate();
        contract = ContractDocument.read(path);
    }

    @Test
    void everyChannelHasAMessageAndAnOperation() {
        // Which topics have channels, in both directions, is ContractDriftTest's: this is what each channel holds.
        Set<String> operated = new TreeSet<>();
        contract.path("operations").forEach(operation ->
                operated.add(operation.path("channel").path("$ref").asText().replace("#/channels/", "")));
        List<String> problems = new ArrayList<>();
        contract.path("channels").fields().forEachRemaining(channel -> {
            String where = "channel " + channel.getKey() + " (" + channel.getValue().path("address").asText() + ")";
            if (channel.getValue().path("messages").isEmpty()) {
                problems.add(where + " has no message");
            }
            if (!operated.contains(channel.getKey())) {
                problems.add(where + " has no operation");
            }
        });
        assertThat(problems).as("channels of %s", path).isEmpty();
    }

    @Test
    void everyPayloadAndHeaderSetIsANamedSchema() {
        List<String> problems = new ArrayList<>();
        contract.path("components").path("messages").fields().forEachRemaining(message -> {
            for (String part : List.of("payload", "headers")) {
                JsonNode schema = message.getValue().path(part);
                if (!schema.path("$ref").asText().startsWith(SCHEMAS) || schema.size() != 1) {
                    problems.add("components.messages." + message.getKey() + "." + part
                            + " must be only a $ref to " + SCHEMAS + "…, was " + schema);
                }
            }
        });
        assertThat(problems).as("inline schemas in the messages of %s (generators make maps of them)", path)
                .isEmpty();
    }

    @Test
    void everyDeadLetterCarriesTheOneDeadLetterFormat() {
        List<String> problems = new ArrayList<>();
        contract.path("channels").fields().forEachRemaining(channel -> {
            if (!channel.getValue().path("address").asText().contains(".dead-letter.")) {
                return;
            }
            channel.getValue().path("messages").forEach(reference -> {
                JsonNode message = contract.at(reference.path("$ref").asText().substring(1));
                JsonNode headers = contract.at(message.path("headers").path("$ref").asText().substring(1));
                if (!DEAD_LETTER_HEADERS.equals(message.path("headers").path("$ref").asText())
                        && !headers.path("allOf").findValuesAsText("$ref").contains(DEAD_LETTER_HEADERS)) {
                    problems.add(reference.path("$ref").asText() + " on " + channel.getKey()
                            + ": its headers must be " + DEAD_LETTER_HEADERS + " or extend it with allOf");
                }
            });
        });
        JsonNode format = contract.at(DEAD_LETTER_HEADERS.substring(1));
        Set<String> properties = new TreeSet<>();
        format.path("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new TreeSet<>();
        format.path("required").forEach(name -> required.add(name.asText()));
        assertThat(properties).as("the headers %s describes", DEAD_LETTER_HEADERS).containsAll(DEAD_LETTER_FORMAT);
        assertThat(required).as("the headers %s requires", DEAD_LETTER_HEADERS)
                .containsExactlyInAnyOrderElementsOf(DEAD_LETTER_ALWAYS);
        assertThat(problems).as("dead-letter messages of %s", path).isEmpty();
    }

    @Test
    void noPublishedSchemaForbidsUnknownFields() {
        // Consumers must ignore fields they do not know, and fields are added without a new topic: a published
        // 'additionalProperties: false' would make every addition a breaking change for validating consumers.
        List<String> problems = new ArrayList<>();
        contract.path("components").path("schemas").fields().forEachRemaining(schema ->
                find(schema.getValue(), "components.schemas." + schema.getKey(), problems));
        assertThat(problems).as("schemas of %s that forbid additional properties", path).isEmpty();
    }

    private static void find(JsonNode node, String where, List<String> problems) {
        if (node.isObject()) {
            JsonNode additional = node.get("additionalProperties");
            if (additional != null && additional.isBoolean() && !additional.asBoolean()) {
                problems.add(where + ".additionalProperties is false");
            }
            node.fields().forEachRemaining(entry -> find(entry.getValue(), where + "." + entry.getKey(), problems));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                find(node.get(i), where + "[" + i + "]", problems);
            }
        }
    }
}
