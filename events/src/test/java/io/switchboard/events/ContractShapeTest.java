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
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

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

    private static final Path CONTRACT = ContractDocument.locate();
    private static JsonNode contract;

    @BeforeAll
    static void readContract() throws IOException {
        contract = ContractDocument.read(CONTRACT);
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
        assertThat(problems).as("channels of %s", CONTRACT).isEmpty();
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
        assertThat(problems).as("inline schemas in the messages of %s (generators make maps of them)", CONTRACT)
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
                JsonNode headers = ContractDocument.deref(contract, reference).path("headers");
                List<String> bases = ContractDocument.deref(contract, headers).path("allOf").findValuesAsText("$ref");
                if (!DEAD_LETTER_HEADERS.equals(headers.path("$ref").asText())
                        && !bases.contains(DEAD_LETTER_HEADERS)) {
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
        assertThat(problems).as("dead-letter messages of %s", CONTRACT).isEmpty();
    }

    @Test
    void aDeadLetterInTheFormatValidatesAndOneWithoutItsReasonDoesNot() {
        // Headers as routing-service would set them on an inbound record it could not apply, originals kept.
        ObjectNode letter = JsonNodeFactory.instance.objectNode()
                .put("ce_specversion", "1.0").put("ce_id", "wa:wamid.HBgL")
                .put("ce_type", "switchboard.message.received")
                .put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .put("sb_dlq_reason", "conversationId longer than 200 characters")
                .put("sb_dlq_error_class", "validation")
                .put("sb_dlq_source_topic", Topics.INBOUND).put("sb_dlq_source_partition", "2")
                .put("sb_dlq_source_offset", "4711").put("sb_dlq_service", "routing-service")
                .put("sb_dlq_at", "2026-12-02T10:15:30.123Z");
        JsonSchema schema = headerSchema("DeadLetterHeaders");
        assertThat(schema.validate(letter)).as("a dead letter in the format").isEmpty();

        ObjectNode outboxRow = letter.deepCopy();
        outboxRow.remove(List.of("sb_dlq_source_partition", "sb_dlq_source_offset"));
        outboxRow.put("sb_dlq_outbox_id", "8c0e5e0a-3f5e-4b8e-9a43-0d6f7c1b2a11")
                .put("sb_dlq_error_class", "org.apache.kafka.common.errors.RecordTooLargeException")
                .put("sb_dlq_truncated", "1048577");
        assertThat(schema.validate(outboxRow)).as("an outbox row Kafka refused, truncated").isEmpty();

        ObjectNode broken = letter.deepCopy();
        broken.remove("sb_dlq_reason");
        broken.put("sb_dlq_source_offset", "last");
        assertThat(schema.validate(broken)).extracting(ValidationMessage::getMessage)
                .anySatisfy(error -> assertThat(error).contains("sb_dlq_reason"))
                .anySatisfy(error -> assertThat(error).contains("sb_dlq_source_offset"));
    }

    /** A header schema of the document, its $refs resolving inside the document. */
    private static JsonSchema headerSchema(String name) {
        ObjectNode wrapper = JsonNodeFactory.instance.objectNode().put("$schema", SchemaId.V7);
        wrapper.set("allOf", JsonNodeFactory.instance.arrayNode()
                .add(JsonNodeFactory.instance.objectNode().put("$ref", SCHEMAS + name)));
        wrapper.set("components", contract.get("components"));
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(wrapper);
    }

    @Test
    void noPublishedSchemaForbidsUnknownFields() {
        // Consumers must ignore fields they do not know, and fields are added without a new topic: a published
        // 'additionalProperties: false' would make every addition a breaking change for validating consumers.
        List<String> problems = new ArrayList<>();
        contract.path("components").path("schemas").fields().forEachRemaining(schema ->
                find(schema.getValue(), "components.schemas." + schema.getKey(), problems));
        assertThat(problems).as("schemas of %s that forbid additional properties", CONTRACT).isEmpty();
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
