package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaId;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Keeps {@code docs/asyncapi.yaml} and the event records in step, in both directions. Everything is derived by
 * reflection from {@link EventType} and the record components, so a field added to a record fails here until the
 * contract describes it, and a property added to the contract fails until the record has it.
 */
class ContractDriftTest {

    static final String SCHEMAS = "#/components/schemas/";
    static final String MESSAGES = "#/components/messages/";
    static final String SAMPLE_SOURCE = "/switchboard/contract-test";

    /** Messages of the document that are not event records (raw bytes and dead letters). */
    private static final Set<String> NON_EVENT_MESSAGES = Set.of("WebhookReceived", "IngressDeadLetter",
            "RoutingDeadLetter", "AgentDeadLetter", "OutboundDeadLetter");
    /** Schemas named like this describe Kafka headers or values kept verbatim: no record stands behind them. */
    private static final List<String> NON_RECORD_SCHEMA_SUFFIXES = List.of("Headers", "Payload");

    private static final JsonSchemaFactory SCHEMA_FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7);
    private static final SchemaValidatorsConfig VALIDATION = SchemaValidatorsConfig.builder()
            .formatAssertionsEnabled(true)
            .build();

    private static Path contractPath;
    private static JsonNode contract;
    private static JsonNode strictComponents;
    private static final Map<String, JsonSchema> STRICT_VALIDATORS = new HashMap<>();
    private static final Map<String, JsonSchema> PUBLISHED_VALIDATORS = new HashMap<>();

    @BeforeAll
    static void readContract() throws IOException {
        contractPath = ContractDocument.locate();
        contract = ContractDocument.read(contractPath);
        assertThat(contract).as("%s is not a YAML mapping", contractPath).isNotNull();
        assertThat(contract.isObject()).as("%s is not a YAML mapping", contractPath).isTrue();
        strictComponents = strictComponents();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Topics, channels, messages

    @Test
    void everyTopicHasAChannelAndEveryChannelATopic() throws IllegalAccessException {
        Set<String> topics = new TreeSet<>();
        for (Field field : Topics.class.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                topics.add((String) field.get(null));
            }
        }
        Set<String> addresses = new TreeSet<>();
        contract.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));

        List<String> problems = new ArrayList<>();
        difference(topics, addresses).forEach(topic -> problems.add("topic " + topic
                + " (Topics.java) has no channel: add one under channels with address: " + topic));
        difference(addresses, topics).forEach(address -> problems.add("channel address " + address
                + " is not in Topics.java: add the constant or remove the channel"));
        assertThat(problems).as("Topics.java and the channels of %s", contractPath).isEmpty();
    }

    @TestFactory
    Stream<DynamicTest> everyEventTypeHasItsMessageOnItsTopic() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            String name = type.recordType().getSimpleName();
            JsonNode message = contract.path("components").path("messages").path(name);
            assertThat(message.isObject()).as("EventType.%s has no message components.messages.%s in %s: add it",
                    type, name, contractPath).isTrue();

            List<String> problems = new ArrayList<>();
            if (!name.equals(message.path("name").asText())) {
                problems.add("name must be '" + name + "', was " + message.get("name"));
            }
            if (!(SCHEMAS + name).equals(message.path("payload").path("$ref").asText())) {
                problems.add("payload must be {$ref: '" + SCHEMAS + name + "'}, was " + message.get("payload"));
            }
            String ceType = ceTypeConst(message.path("headers"));
            if (!type.ceType().equals(ceType)) {
                problems.add("headers: ce_type const must be '" + type.ceType() + "' (EventType." + type
                        + "), was " + (ceType == null ? "missing" : "'" + ceType + "'"));
            }
            JsonNode key = ContractDocument.deref(contract, message.path("bindings")).path("kafka").path("key");
            if (!"string".equals(key.path("type").asText())) {
                problems.add("bindings.kafka.key must be a string schema (the record key), was " + key);
            }
            List<String> channels = channelsCarrying(name);
            List<String> expected = channelsAt(type.topic());
            if (expected.size() != 1) {
                problems.add("exactly one channel must have address " + type.topic() + ", found " + expected);
            } else if (!channels.equals(expected)) {
                problems.add("must be on channel '" + expected.get(0) + "' (address " + type.topic()
                        + ", EventType." + type + ".topic()) and no other, is on " + channels);
            }
            assertThat(problems).as("components.messages.%s disagrees with EventType.%s", name, type).isEmpty();

            // The headers the codec really writes must satisfy the message's header schema.
            SwitchboardEvent sample = Samples.full(type.recordType());
            assertValid(MESSAGES + name + "/headers", headersAsJson(CloudEventCodec.headers(sample, SAMPLE_SOURCE)),
                    "the headers CloudEventCodec writes for " + name);
        }));
    }

    @Test
    void everyMessageHasAnEventType() {
        Map<String, EventType> byName = new LinkedHashMap<>();
        for (EventType type : EventType.values()) {
            byName.put(type.recordType().getSimpleName(), type);
        }
        List<String> problems = new ArrayList<>();
        for (String name : ContractDocument.fieldNames(contract.path("components").path("messages"))) {
            if (!byName.containsKey(name) && !NON_EVENT_MESSAGES.contains(name)) {
                problems.add("components.messages." + name + " has no EventType with record " + name
                        + ": add the record and its EventType, or remove the message");
            }
        }
        contract.path("channels").fields().forEachRemaining(channel -> channel.getValue().path("messages")
                .forEach(message -> {
                    String ref = message.path("$ref").asText();
                    EventType type = byName.get(ref.substring(ref.lastIndexOf('/') + 1));
                    String address = channel.getValue().path("address").asText();
                    if (ref.startsWith(MESSAGES) && type != null && !type.topic().equals(address)) {
                        problems.add("channel '" + channel.getKey() + "' (" + address + ") carries " + ref
                                + " but EventType." + type + " is on " + type.topic());
                    }
                }));
        assertThat(problems).as("messages of %s without a matching EventType", contractPath).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Records and enums against schemas

    @TestFactory
    Stream<DynamicTest> everyRecordAndEnumMatchesItsSchema() {
        return reachableTypes().stream().map(type -> DynamicTest.dynamicTest(schemaName(type), () -> {
            JsonNode schema = contract.path("components").path("schemas").path(schemaName(type));
            assertThat(schema.isObject()).as("%s has no schema components.schemas.%s in %s: add it",
                    type.getName(), schemaName(type), contractPath).isTrue();
            List<String> problems = type.isEnum() ? enumProblems(type, schema) : recordProblems(type, schema);
            assertThat(problems).as("components.schemas.%s disagrees with %s", schemaName(type), type.getName())
                    .isEmpty();
        }));
    }

    @Test
    void everySchemaHasARecordOrEnum() {
        Set<String> known = reachableTypes().stream().map(ContractDriftTest::schemaName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> problems = new ArrayList<>();
        for (String name : ContractDocument.fieldNames(contract.path("components").path("schemas"))) {
            if (!known.contains(name) && NON_RECORD_SCHEMA_SUFFIXES.stream().noneMatch(name::endsWith)) {
                problems.add("components.schemas." + name + " matches no record or enum reachable from EventType"
                        + " (known: " + known + "): remove it, or name header and verbatim-value schemas *"
                        + String.join(" or *", NON_RECORD_SCHEMA_SUFFIXES));
            }
        }
        assertThat(problems).as("schemas of %s without code", contractPath).isEmpty();
    }

    // ---------------------------------------------------------------------------------------------------------
    // Real JSON against the schemas

    @TestFactory
    Stream<DynamicTest> fullSampleValidates() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            SwitchboardEvent sample = Samples.full(type.recordType());
            JsonNode json = CloudEventCodec.JSON.readTree(CloudEventCodec.data(sample));
            assertValid(SCHEMAS + schemaName(type.recordType()), json,
                    "a fully populated " + type.recordType().getSimpleName() + ", as CloudEventCodec writes it,");
        }));
    }

    @TestFactory
    Stream<DynamicTest> minimalSampleValidates() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            // Only what the contract calls required is filled (recursively): proves 'required' is satisfiable
            // and that nothing else is needed.
            SwitchboardEvent sample = Samples.build(type.recordType(),
                    (record, component) -> requiredOf(record).contains(component.getName()));
            JsonNode json = CloudEventCodec.JSON.readTree(CloudEventCodec.data(sample));
            assertValid(SCHEMAS + schemaName(type.recordType()), json, "a " + type.recordType().getSimpleName()
                    + " with only the fields the contract requires, as CloudEventCodec writes it,");
            assertValid(MESSAGES + type.recordType().getSimpleName() + "/headers",
                    headersAsJson(CloudEventCodec.headers(sample, SAMPLE_SOURCE)),
                    "the headers CloudEventCodec writes for a minimal " + type.recordType().getSimpleName());
        }));
    }

    @TestFactory
    Stream<DynamicTest> aFieldTheContractLacksFailsHereButNotForConsumers() {
        return Arrays.stream(EventType.values()).map(type -> DynamicTest.dynamicTest(type.name(), () -> {
            ObjectNode json = (ObjectNode) CloudEventCodec.JSON.readTree(
                    CloudEventCodec.data(Samples.full(type.recordType())));
            json.put("fieldTheContractLacks", "sample");
            String pointer = SCHEMAS + schemaName(type.recordType());
            assertThat(validate(pointer, json)).as("the strict variant of %s", pointer)
                    .anySatisfy(error -> assertThat(error).contains("fieldTheContractLacks"));
            assertThat(validatePublished(pointer, json)).as("%s as published (consumers ignore unknown fields)",
                    pointer).isEmpty();
        }));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Checks

    private static List<String> recordProblems(Class<?> type, JsonNode schema) {
        String name = schemaName(type);
        List<String> problems = new ArrayList<>();
        if (!"object".equals(schema.path("type").asText())) {
            problems.add("type must be object");
        }
        JsonNode properties = schema.path("properties");
        Map<String, RecordComponent> components = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            components.put(component.getName(), component);
        }
        for (RecordComponent component : components.values()) {
            JsonNode property = properties.get(component.getName());
            if (property == null) {
                problems.add(type.getSimpleName() + "." + component.getName() + " (" + typeName(component)
                        + ") is in the record but not in the contract: add properties." + component.getName()
                        + " to components.schemas." + name + " (and to required if it is always present)");
                continue;
            }
            ObjectNode expected = expectedSchema(component.getGenericType(), type, component);
            if (!covers(property, expected)) {
                problems.add(name + ".properties." + component.getName() + " must contain " + expected
                        + " for Java type " + typeName(component) + ", was " + property);
            }
        }
        for (String property : ContractDocument.fieldNames(properties)) {
            if (!components.containsKey(property)) {
                problems.add(name + ".properties." + property + " is in the contract but " + type.getSimpleName()
                        + " has no component '" + property + "': add it to the record, or remove it from the"
                        + " contract (removing a published field is a breaking change: new topic version)");
            }
        }
        Set<String> required = requiredOf(type);
        for (String field : required) {
            if (!components.containsKey(field)) {
                problems.add(name + ".required lists '" + field + "' but " + type.getSimpleName()
                        + " has no such component");
            }
        }
        for (RecordComponent component : components.values()) {
            // NON_EMPTY never drops 0 or false, so a primitive is always on the wire.
            if (component.getType().isPrimitive() && !required.contains(component.getName())) {
                problems.add(name + "." + component.getName() + " is a primitive " + component.getType()
                        + ", always written: list it in required");
            }
        }
        return problems;
    }

    private static List<String> enumProblems(Class<?> type, JsonNode schema) {
        String name = schemaName(type);
        List<String> problems = new ArrayList<>();
        if (!"string".equals(schema.path("type").asText())) {
            problems.add("type must be string");
        }
        Set<String> wire = new LinkedHashSet<>();
        for (Object constant : type.getEnumConstants()) {
            wire.add(wireName(constant));
        }
        Set<String> listed = new LinkedHashSet<>();
        schema.path("enum").forEach(value -> listed.add(value.asText()));
        difference(wire, listed).forEach(value -> problems.add(type.getSimpleName() + " has wire name '" + value
                + "' that components.schemas." + name + ".enum lacks: add it"));
        difference(listed, wire).forEach(value -> problems.add("components.schemas." + name + ".enum lists '"
                + value + "' that " + type.getSimpleName() + " does not have: remove it or add the constant"));
        return problems;
    }

    /** The schema a Java type must have; properties may say more (description, minItems …) but not less. */
    private static ObjectNode expectedSchema(Type type, Class<?> owner, RecordComponent component) {
        ObjectNode schema = JsonNodeFactory.instance.objectNode();
        if (type instanceof ParameterizedType) {
            ParameterizedType parameterized = (ParameterizedType) type;
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                schema.put("type", "array");
                schema.set("items", expectedSchema(arguments[0], owner, component));
                return schema;
            }
            if (Map.class.isAssignableFrom(raw) && arguments[0] == String.class) {
                schema.put("type", "object");
                schema.set("additionalProperties", expectedSchema(arguments[1], owner, component));
                return schema;
            }
        } else if (type instanceof Class) {
            Class<?> clazz = (Class<?>) type;
            if (clazz.isRecord() || clazz.isEnum()) {
                schema.put("$ref", SCHEMAS + schemaName(clazz));
                return schema;
            }
            String[] scalar = Samples.SCALARS.get(clazz);
            if (scalar != null) {
                schema.put("type", scalar[0]);
                if (scalar.length > 1) {
                    schema.put("format", scalar[1]);
                }
                return schema;
            }
        }
        throw new IllegalStateException(owner.getSimpleName() + "." + component.getName() + " has type " + type
                + " that ContractDriftTest does not know how to describe: teach Samples.SCALARS/Samples.value");
    }

    /** Every key of {@code expected} is in {@code actual} with the same value (objects compared recursively). */
    private static boolean covers(JsonNode actual, JsonNode expected) {
        for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode value = actual.get(entry.getKey());
            boolean ok = entry.getValue().isObject()
                    ? value != null && value.isObject() && covers(value, entry.getValue())
                    : entry.getValue().equals(value);
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Helpers

    /** Records and enums the event records reach through their components, element and value types. */
    static Set<Class<?>> reachableTypes() {
        Set<Class<?>> found = new LinkedHashSet<>();
        for (EventType type : EventType.values()) {
            collect(type.recordType(), found);
        }
        return found;
    }

    private static void collect(Type type, Set<Class<?>> found) {
        if (type instanceof ParameterizedType) {
            for (Type argument : ((ParameterizedType) type).getActualTypeArguments()) {
                collect(argument, found);
            }
        } else if (type instanceof Class) {
            Class<?> clazz = (Class<?>) type;
            if ((clazz.isRecord() || clazz.isEnum()) && found.add(clazz) && clazz.isRecord()) {
                for (RecordComponent component : clazz.getRecordComponents()) {
                    collect(component.getGenericType(), found);
                }
            }
        }
    }

    /** The schema name of a record or enum: its simple name, nested ones prefixed by their outer names. */
    static String schemaName(Class<?> type) {
        return type.getEnclosingClass() == null ? type.getSimpleName()
                : schemaName(type.getEnclosingClass()) + type.getSimpleName();
    }

    private static Set<String> requiredOf(Class<?> type) {
        Set<String> required = new LinkedHashSet<>();
        contract.path("components").path("schemas").path(schemaName(type)).path("required")
                .forEach(field -> required.add(field.asText()));
        return required;
    }

    private static String ceTypeConst(JsonNode headers) {
        JsonNode schema = ContractDocument.deref(contract, headers);
        JsonNode direct = schema.path("properties").path("ce_type").path("const");
        if (direct.isTextual()) {
            return direct.asText();
        }
        for (JsonNode part : schema.path("allOf")) {
            String found = ceTypeConst(part);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    private static List<String> channelsCarrying(String messageName) {
        List<String> channels = new ArrayList<>();
        contract.path("channels").fields().forEachRemaining(channel -> channel.getValue().path("messages")
                .forEach(message -> {
                    if ((MESSAGES + messageName).equals(message.path("$ref").asText())) {
                        channels.add(channel.getKey());
                    }
                }));
        return channels;
    }

    private static List<String> channelsAt(String address) {
        List<String> channels = new ArrayList<>();
        contract.path("channels").fields().forEachRemaining(channel -> {
            if (address.equals(channel.getValue().path("address").asText())) {
                channels.add(channel.getKey());
            }
        });
        return channels;
    }

    /** Fails with the validation errors first and the offending JSON after them. */
    private static void assertValid(String pointer, JsonNode json, String what) {
        List<String> errors = validate(pointer, json);
        assertThat(errors)
                .withFailMessage("%s does not validate against %s in %s:%n  %s%n(fix the record or the contract)%n%s",
                        what, pointer, contractPath, String.join(System.lineSeparator() + "  ", errors),
                        json.toPrettyString())
                .isEmpty();
    }

    /**
     * Validation errors of {@code json} against the schema at a local pointer of the contract, made strict: every
     * record's schema forbids additional properties here, so a field the codec writes that the contract does not
     * describe fails. The published schemas stay open, since consumers must ignore unknown fields.
     */
    private static List<String> validate(String pointer, JsonNode json) {
        return validate(pointer, json, strictComponents, STRICT_VALIDATORS);
    }

    /** Validation errors against the contract as published. */
    private static List<String> validatePublished(String pointer, JsonNode json) {
        return validate(pointer, json, contract.get("components"), PUBLISHED_VALIDATORS);
    }

    private static List<String> validate(String pointer, JsonNode json, JsonNode components,
            Map<String, JsonSchema> cache) {
        JsonSchema schema = cache.computeIfAbsent(pointer, key -> {
            // A wrapper that carries the document's components, so the $refs inside resolve as they do in the contract.
            ObjectNode wrapper = JsonNodeFactory.instance.objectNode();
            wrapper.put("$schema", SchemaId.V7);
            wrapper.set("allOf", JsonNodeFactory.instance.arrayNode()
                    .add(JsonNodeFactory.instance.objectNode().put("$ref", key)));
            wrapper.set("components", components);
            return SCHEMA_FACTORY.getSchema(wrapper, VALIDATION);
        });
        return schema.validate(json).stream().map(ValidationMessage::toString).sorted().collect(Collectors.toList());
    }

    /** The document's components with {@code additionalProperties: false} on the schema of every record. */
    private static JsonNode strictComponents() {
        ObjectNode components = contract.get("components").deepCopy();
        for (Class<?> type : reachableTypes()) {
            JsonNode schema = components.path("schemas").path(schemaName(type));
            if (type.isRecord() && schema.isObject()) {
                ((ObjectNode) schema).put("additionalProperties", false);
            }
        }
        return components;
    }

    private static ObjectNode headersAsJson(Headers headers) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (Header header : headers) {
            json.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
        }
        return json;
    }

    static String wireName(Object enumConstant) {
        return CloudEventCodec.JSON.valueToTree(enumConstant).asText();
    }

    private static String typeName(RecordComponent component) {
        return component.getGenericType().getTypeName().replace("java.lang.", "").replace("java.util.", "")
                .replace("java.time.", "").replace(ContractDriftTest.class.getPackageName() + ".", "");
    }

    private static Set<String> difference(Set<String> left, Set<String> right) {
        Set<String> result = new TreeSet<>(left);
        result.removeAll(right);
        return result;
    }

}
