package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;

/**
 * {@code docs/asyncapi.yaml} is a document the official AsyncAPI tools accept: YAML without duplicate keys, valid
 * against the AsyncAPI 3.0.0 JSON Schema (the negative tests prove both checks bite), and beyond that schema every
 * {@code $ref} resolves, every schema is draft-07, and an operation's messages are its channel's.
 */
class AsyncApiDocumentTest {

    private static final Set<String> ASYNCAPI_ROOT_KEYS = Set.of("asyncapi", "id", "info", "servers",
            "defaultContentType", "channels", "operations", "components");
    private static final Set<String> ASYNCAPI_COMPONENT_KEYS = Set.of("schemas", "servers", "channels",
            "operations", "messages", "securitySchemes", "serverVariables", "parameters", "correlationIds",
            "replies", "replyAddresses", "externalDocs", "tags", "operationTraits", "messageTraits",
            "serverBindings", "channelBindings", "operationBindings", "messageBindings");
    private static final Pattern COMPONENT_KEY = Pattern.compile("^[a-zA-Z0-9.\\-_]+$");
    private static final JsonSchemaFactory DRAFT_7 = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);

    private static Path contractPath;
    private static String text;
    private static JsonNode contract;

    @BeforeAll
    static void readContract() throws IOException {
        contractPath = ContractDocument.locate();
        text = Files.readString(contractPath);
        contract = ContractDocument.read(text);
    }

    // ---------------------------------------------------------------------------------------------------------
    // The official schema, and a reader as strict as the official tools

    @Test
    void theDocumentIsValidAsyncApi300() {
        assertThat(OfficialAsyncApiSchema.problems(contract))
                .as("%s against the official AsyncAPI 3.0.0 JSON Schema", contractPath).isEmpty();
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
    // The project's own structural checks, beyond the official schema

    @Test
    void isStructurallyAsyncApi3() {
        List<String> problems = new ArrayList<>();
        if (!"3.0.0".equals(contract.path("asyncapi").asText())) {
            problems.add("asyncapi must be '3.0.0', was " + contract.get("asyncapi"));
        }
        ContractDocument.fieldNames(contract).stream().filter(key -> !ASYNCAPI_ROOT_KEYS.contains(key))
                .forEach(key -> problems.add("unknown root key '" + key + "' (AsyncAPI 3 allows " + ASYNCAPI_ROOT_KEYS + ")"));
        for (String key : List.of("title", "version")) {
            if (!contract.path("info").path(key).isTextual()) {
                problems.add("info." + key + " must be a string");
            }
        }
        contract.path("servers").fields().forEachRemaining(server -> {
            for (String key : List.of("host", "protocol")) {
                if (!server.getValue().path(key).isTextual()) {
                    problems.add("servers." + server.getKey() + "." + key + " must be a string");
                }
            }
        });
        contract.path("channels").fields().forEachRemaining(channel -> {
            JsonNode address = channel.getValue().path("address");
            if (!address.isTextual() && !address.isNull()) {
                problems.add("channels." + channel.getKey() + ".address must be a string or null");
            }
        });
        contract.path("operations").fields().forEachRemaining(entry -> {
            String where = "operations." + entry.getKey();
            JsonNode operation = entry.getValue();
            if (!Set.of("send", "receive").contains(operation.path("action").asText())) {
                problems.add(where + ".action must be send or receive");
            }
            String channelRef = operation.path("channel").path("$ref").asText();
            if (!channelRef.startsWith("#/channels/")) {
                problems.add(where + ".channel must be a $ref to #/channels/…");
            }
            // AsyncAPI 3: an operation's messages are a subset of its channel's messages.
            operation.path("messages").forEach(message -> {
                if (!message.path("$ref").asText().startsWith(channelRef + "/messages/")) {
                    problems.add(where + ".messages: " + message.path("$ref").asText() + " is not a message of "
                            + channelRef);
                }
            });
        });
        JsonNode components = contract.path("components");
        ContractDocument.fieldNames(components).forEach(section -> {
            if (!ASYNCAPI_COMPONENT_KEYS.contains(section)) {
                problems.add("unknown components section '" + section + "'");
            }
            ContractDocument.fieldNames(components.get(section)).stream()
                    .filter(key -> !COMPONENT_KEY.matcher(key).matches())
                    .forEach(key -> problems.add("components." + section + "." + key + ": key must match "
                            + COMPONENT_KEY));
        });
        components.path("messages").fields().forEachRemaining(message -> {
            if (!message.getValue().has("payload")) {
                problems.add("components.messages." + message.getKey() + " has no payload");
            }
            JsonNode headers = ContractDocument.deref(contract, message.getValue().path("headers"));
            if (!headers.isMissingNode() && !"object".equals(headers.path("type").asText())) {
                problems.add("components.messages." + message.getKey() + ".headers must be of type object");
            }
        });
        assertThat(problems).as("%s is not a well-formed AsyncAPI 3.0.0 document", contractPath).isEmpty();
    }

    @Test
    void everyRefResolves() {
        List<String> problems = new ArrayList<>();
        ContractDocument.walk(contract, "", (path, node) -> {
            JsonNode ref = node.get("$ref");
            if (ref == null) {
                return;
            }
            if (!ref.isTextual() || !ref.asText().startsWith("#/")) {
                problems.add(path + ": $ref " + ref + " must be a local reference (#/…)");
            } else if (contract.at(ref.asText().substring(1)).isMissingNode()) {
                problems.add(path + ": $ref " + ref.asText() + " points nowhere");
            }
        });
        assertThat(problems).as("unresolved references in %s", contractPath).isEmpty();
    }

    @Test
    void schemasAreValidJsonSchemaDraft7() {
        // AsyncAPI's default schema format is a superset of draft-07; the meta-schema catches typos like 'required: true'.
        JsonSchema metaSchema = DRAFT_7.getSchema(SchemaLocation.of(SchemaId.V7));
        Map<String, JsonNode> schemas = new LinkedHashMap<>();
        contract.path("components").path("schemas").fields()
                .forEachRemaining(entry -> schemas.put("components.schemas." + entry.getKey(), entry.getValue()));
        contract.path("components").path("messages").fields().forEachRemaining(entry -> {
            schemas.put("components.messages." + entry.getKey() + ".headers", entry.getValue().path("headers"));
            schemas.put("components.messages." + entry.getKey() + ".payload", entry.getValue().path("payload"));
        });
        List<String> problems = new ArrayList<>();
        schemas.forEach((where, schema) -> {
            if (!schema.isMissingNode()) {
                metaSchema.validate(schema).forEach(error -> problems.add(where + ": " + error.getMessage()));
            }
        });
        assertThat(problems).as("schemas in %s that are not valid JSON Schema draft-07", contractPath).isEmpty();
    }

    private static String replaceOnce(String haystack, String needle, String replacement) {
        int at = haystack.indexOf(needle);
        assertThat(at).as("%s no longer contains %s: adjust the test", contractPath, needle).isNotNegative();
        return haystack.substring(0, at) + replacement + haystack.substring(at + needle.length());
    }
}
