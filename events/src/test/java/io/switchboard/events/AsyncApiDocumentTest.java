package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code docs/asyncapi.yaml} as other people's tools see it: YAML without duplicate keys, valid against the official
 * AsyncAPI 3.0.0 JSON Schema, every topic a channel with messages and operations, every payload and header set a
 * named schema (so code generators produce types), and nothing that forbids the fields consumers must ignore.
 */
class AsyncApiDocumentTest {

    private static final String SCHEMAS = "#/components/schemas/";
    private static final String DEAD_LETTER_HEADERS = SCHEMAS + "DeadLetterHeaders";
    /** The headers of the one dead-letter format (ADR 0012), the same names as messaging's DeadLetterHeaders. */
    private static final Set<String> DEAD_LETTER_FORMAT = Set.of("sb_dlq_reason", "sb_dlq_error_class",
            "sb_dlq_source_topic", "sb_dlq_source_partition", "sb_dlq_source_offset", "sb_dlq_outbox_id",
            "sb_dlq_service", "sb_dlq_at", "sb_dlq_truncated");
    /** Those every dead letter has; partition and offset, outbox id and truncation depend on the case. */
    private static final Set<String> DEAD_LETTER_ALWAYS = Set.of("sb_dlq_reason", "sb_dlq_error_class",
            "sb_dlq_source_topic", "sb_dlq_service", "sb_dlq_at");

    private static Path path;
    private static String text;
    private static JsonNode contract;

    @BeforeAll
    static void readContract() throws IOException {
        path = ContractDocument.locate();
        text = Files.readString(path);
        contract = ContractDocument.read(text);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The official schema, and a reader as strict as the official tools

    @Test
    void theDocumentIsValidAsyncApi300() {
        assertThat(OfficialAsyncApiSchema.problems(contract))
                .as("%s against the official AsyncAPI 3.0.0 JSON Schema", path).isEmpty();
    }

    @Test
    void aDuplicatedKeyIsRefused() {
        // The mistake this reader once let through: a key given twice keeps only its last value.
        String duplicated = replaceOnce(text, "  title: Switchboard events\n",
                "  title: Switchboard events\n  title: Switchboard events, again\n");
        assertThatThrownBy(() -> ContractDocument.read(duplicated))
                .isInstanceOf(JsonParseException.class)
                .hasMessageContaining("Duplicate field 'title'");
    }

    @Test
    void anOperationThatPublishesIsRefused() {
        // AsyncAPI 2's verbs are gone in 3: an operation sends or receives.
        ObjectNode copy = contract.deepCopy();
        String operation = copy.path("operations").fieldNames().next();
        ((ObjectNode) copy.path("operations").path(operation)).put("action", "publish");

        assertThat(OfficialAsyncApiSchema.problems(copy))
                .anySatisfy(problem -> assertThat(problem).contains("$.operations." + operation + ".action")
                        .contains("send", "receive"));
    }

    @Test
    void aChannelWhoseAddressIsNoStringIsRefused() {
        ObjectNode copy = contract.deepCopy();
        String channel = copy.path("channels").fieldNames().next();
        ((ObjectNode) copy.path("channels").path(channel)).put("address", 42);

        assertThat(OfficialAsyncApiSchema.problems(copy))
                .anySatisfy(problem -> assertThat(problem).contains("$.channels." + channel + ".address")
                        .contains("integer"));
    }

    @Test
    void aPayloadSchemaThatIsNoJsonSchemaIsRefused() {
        // The official schema reaches into components.schemas: a draft-04 habit like 'required: true' is caught.
        ObjectNode copy = contract.deepCopy();
        String schema = copy.path("components").path("schemas").fieldNames().next();
        ((ObjectNode) copy.path("components").path("schemas").path(schema)).put("required", true);

        assertThat(OfficialAsyncApiSchema.problems(copy))
                .anySatisfy(problem -> assertThat(problem).contains("$.components.schemas." + schema + ".required")
                        .contains("array expected"));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Topics, channels, operations

    @Test
    void everyTopicHasAChannelWithMessagesAndAnOperation() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        Map<String, String> channelOfAddress = new TreeMap<>();
        contract.path("channels").fields().forEachRemaining(channel ->
                channelOfAddress.put(channel.getValue().path("address").asText(), channel.getKey()));
        Set<String> operated = new TreeSet<>();
        contract.path("operations").forEach(operation ->
                operated.add(operation.path("channel").path("$ref").asText().replace("#/channels/", "")));

        List<String> problems = new ArrayList<>();
        for (String topic : topics) {
            String channel = channelOfAddress.get(topic);
            if (channel == null) {
                problems.add("topic " + topic + " (Topics) has no channel");
            }
        }
        channelOfAddress.forEach((address, channel) -> {
            if (!topics.contains(address)) {
                problems.add("channel " + channel + " has address " + address + ", which is no constant of Topics");
            }
            if (contract.path("channels").path(channel).path("messages").isEmpty()) {
                problems.add("channel " + channel + " (" + address + ") has no message");
            }
            if (!operated.contains(channel)) {
                problems.add("channel " + channel + " (" + address + ") has no operation");
            }
        });
        assertThat(problems).as("Topics and the channels of %s", path).isEmpty();
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

    private static String replaceOnce(String haystack, String needle, String replacement) {
        int at = haystack.indexOf(needle);
        assertThat(at).as("%s no longer contains %s: adjust the test", path, needle).isNotNegative();
        return haystack.substring(0, at) + replacement + haystack.substring(at + needle.length());
    }
}
