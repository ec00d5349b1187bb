package io.switchboard.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;

/**
 * The AsyncAPI 3.0.0 JSON Schema as the specification publishes it ({@code asyncapi/3.0.0.json}, a test resource;
 * its origin is in the README beside it). The file bundles every definition under its {@code $id}; each id is served
 * from the file, and any other remote load fails, so validation never touches the network.
 */
final class OfficialAsyncApiSchema {

    static final String RESOURCE = "/asyncapi/3.0.0.json";
    static final String ROOT_ID = "http://asyncapi.com/definitions/3.0.0/asyncapi.json";

    private static final JsonSchema SCHEMA = load();

    private OfficialAsyncApiSchema() {
    }

    /** The problems the official schema finds in a document, each naming where it is; empty when it is valid. */
    static List<String> problems(JsonNode document) {
        return SCHEMA.validate(document).stream().map(ValidationMessage::toString).sorted().distinct()
                .collect(Collectors.toList());
    }

    private static JsonSchema load() {
        JsonNode bundle;
        try (InputStream in = OfficialAsyncApiSchema.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("test resource " + RESOURCE + " is missing");
            }
            bundle = new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, String> byId = new HashMap<>();
        bundle.path("definitions").fields().forEachRemaining(entry -> byId.put(entry.getKey(),
                entry.getValue().toString()));
        byId.put(ROOT_ID, bundle.toString());
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7, builder -> builder
                .schemaLoaders(loaders -> loaders
                        .schemas(iri -> byId.get(withoutFragment(iri)))
                        // The validator's own copies of the JSON Schema meta-schemas are on its classpath.
                        .add(new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
        JsonSchema schema = factory.getSchema(SchemaLocation.of(ROOT_ID));
        // Resolve every $ref now, so a definition missing from the bundle fails here rather than mid-validation.
        schema.initializeValidators();
        return schema;
    }

    private static String withoutFragment(String iri) {
        int hash = iri.indexOf('#');
        return hash < 0 ? iri : iri.substring(0, hash);
    }
}
