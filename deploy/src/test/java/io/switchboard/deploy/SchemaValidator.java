package io.switchboard.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1Namespace;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Secret;
import io.kubernetes.client.openapi.models.V1Service;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import io.strimzi.api.kafka.model.user.KafkaUser;
import io.strimzi.crdgenerator.annotations.PresentInVersions;
import io.strimzi.crdgenerator.annotations.RequiredInVersions;

/**
 * Validates manifests without a cluster. Kubernetes' own kinds are read by the official Java client's models, generated
 * from the Kubernetes OpenAPI document (unknown fields, missing required fields and wrong types fail). Strimzi's kinds
 * are read into {@code io.strimzi:api}'s models: a wrong type fails the read, and an unknown field, which those models
 * keep aside instead of failing, is reported, as is a field Strimzi marks required, and so are the fields Strimzi's
 * {@code PresentInVersions} and {@code RequiredInVersions} say {@code v1} does not have or requires (the models are
 * shared by v1beta2 and v1; Strimzi 1.0 serves v1 alone). CloudNativePG, KEDA and Prometheus
 * Operator ship no such artifact, so their kinds are checked against JSON Schemas under
 * {@code src/test/resources/schemas}, written from those projects' CRDs for the fields a deployment uses.
 */
final class SchemaValidator {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    // Generated from the Kubernetes OpenAPI document: fromJson refuses unknown fields, missing required ones, wrong types.
    private static final Map<String, Class<?>> KUBERNETES = Map.of(
            "v1/Namespace", V1Namespace.class,
            "v1/ConfigMap", V1ConfigMap.class,
            "v1/Secret", V1Secret.class,
            "v1/Service", V1Service.class,
            "apps/v1/Deployment", V1Deployment.class,
            "policy/v1/PodDisruptionBudget", V1PodDisruptionBudget.class,
            "networking.k8s.io/v1/NetworkPolicy", V1NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", V1Ingress.class);

    private static final Map<String, Class<?>> STRIMZI = Map.ofEntries(
            Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
            Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1/KafkaUser", KafkaUser.class));
    // The models serve every version Strimzi still reads; these are the versions from oldest to newest, and ours.
    private static final List<String> STRIMZI_VERSIONS = List.of("v1alpha1", "v1beta1", "v1beta2", "v1");
    private static final String STRIMZI_VERSION = "v1";

    private static final Map<String, String> SCHEMAS = Map.of(
            "postgresql.cnpg.io/v1/Cluster", "schemas/cnpg-cluster.json",
            "postgresql.cnpg.io/v1/Database", "schemas/cnpg-database.json",
            "keda.sh/v1alpha1/ScaledObject", "schemas/keda-scaledobject.json",
            "keda.sh/v1alpha1/TriggerAuthentication", "schemas/keda-triggerauthentication.json",
            "monitoring.coreos.com/v1/PodMonitor", "schemas/prometheus-podmonitor.json");

    // A DNS-1123 subdomain: what Kubernetes accepts as most objects' names.
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private SchemaValidator() {
    }

    static List<String> validate(List<ObjectNode> docs) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode doc : docs) {
            String type = doc.path("apiVersion").asText() + "/" + doc.path("kind").asText();
            String where = type + " " + doc.path("metadata").path("name").asText("<no name>");
            problems.addAll(metadata(doc).stream().map(problem -> where + ": " + problem).toList());
            if (KUBERNETES.containsKey(type)) {
                kubernetes(doc, KUBERNETES.get(type)).ifPresent(problem -> problems.add(where + ": " + problem));
            } else if (STRIMZI.containsKey(type)) {
                strimzi(doc, STRIMZI.get(type)).forEach(problem -> problems.add(where + ": " + problem));
            } else if (SCHEMAS.containsKey(type)) {
                schema(SCHEMAS.get(type)).validate(doc)
                        .forEach(message -> problems.add(where + ": " + message.getMessage()));
            } else {
                problems.add(where + ": no schema for this apiVersion and kind");
            }
        }
        return problems;
    }

    // What the API server checks on every object, and the typed models coerce away (labels and ConfigMap data are strings).
    private static List<String> metadata(ObjectNode doc) {
        List<String> problems = new ArrayList<>();
        String name = doc.path("metadata").path("name").asText("");
        if (!NAME.matcher(name).matches() || name.length() > 253) {
            problems.add("metadata.name '" + name + "' is not a valid name");
        }
        for (String field : List.of("labels", "annotations")) {
            doc.path("metadata").path(field).fields().forEachRemaining(entry -> {
                if (!entry.getValue().isTextual()) {
                    problems.add("metadata." + field + "." + entry.getKey() + " must be a string");
                }
            });
        }
        doc.path("spec").path("template").path("metadata").path("labels").fields().forEachRemaining(entry -> {
            if (!entry.getValue().isTextual()) {
                problems.add("pod label " + entry.getKey() + " must be a string");
            }
        });
        if (doc.path("kind").asText().equals("ConfigMap") || doc.path("kind").asText().equals("Secret")) {
            for (String field : List.of("data", "stringData")) {
                doc.path(field).fields().forEachRemaining(entry -> {
                    if (!entry.getValue().isTextual()) {
                        problems.add(field + "." + entry.getKey() + " must be a string");
                    }
                });
            }
        }
        return problems;
    }

    private static Optional<String> kubernetes(ObjectNode doc, Class<?> type) {
        try {
            type.getMethod("fromJson", String.class).invoke(null, doc.toString());
            return Optional.empty();
        } catch (InvocationTargetException e) {
            // The message quotes the whole object after " JSON:"; the field and the model are before it.
            String message = String.valueOf(e.getCause().getMessage());
            return Optional.of(message.contains(" JSON:") ? message.substring(0, message.indexOf(" JSON:")) : message);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> strimzi(ObjectNode doc, Class<?> type) {
        List<String> problems = new ArrayList<>();
        try {
            walk(JSON.treeToValue(doc, type), "", problems);
        } catch (IOException | IllegalArgumentException e) {
            problems.add(e.getMessage().lines().findFirst().orElse(e.toString()));
        }
        return problems;
    }

    // Strimzi's models (and the fabric8 ones they embed) keep fields they do not know in getAdditionalProperties(): any
    // there is a field Strimzi would refuse, or silently drop, which is worse.
    private static void walk(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "." + key, problems));
            return;
        }
        String pkg = value.getClass().getPackageName();
        if (!pkg.startsWith("io.fabric8.kubernetes.api.model") && !pkg.startsWith("io.strimzi.api")) {
            return;
        }
        BeanDescription bean = JSON.getSerializationConfig().introspect(JSON.constructType(value.getClass()));
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (!property.hasGetter() || property.getName().equals("additionalProperties")) {
                continue;
            }
            Object child = property.getGetter().getValue(value);
            String field = (path + "." + property.getName()).substring(1);
            PresentInVersions present = property.getGetter().getAnnotated().getAnnotation(PresentInVersions.class);
            RequiredInVersions required = property.getGetter().getAnnotated().getAnnotation(RequiredInVersions.class);
            if (child == null && (property.isRequired() || required != null && inRange(required.value()))) {
                problems.add(field + " is required");
            }
            if (child != null && present != null && !inRange(present.value())) {
                problems.add(field + " is not in kafka.strimzi.io/" + STRIMZI_VERSION + " (only " + present.value() + ")");
            }
            walk(child, path + "." + property.getName(), problems);
        }
        try {
            Object extra = value.getClass().getMethod("getAdditionalProperties").invoke(value);
            if (extra instanceof Map<?, ?> unknown && !unknown.isEmpty()) {
                problems.add("unknown field(s) " + unknown.keySet() + " at " + (path.isEmpty() ? "." : path.substring(1)));
            }
        } catch (NoSuchMethodException e) {
            // A model class without a bag of unknown fields: Jackson already refused any.
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    // Strimzi's version ranges: "v1beta2", "v1+", "v1alpha1-v1beta2", "all", or several joined by commas.
    static boolean inRange(String range) {
        int ours = STRIMZI_VERSIONS.indexOf(STRIMZI_VERSION);
        for (String part : range.split(",")) {
            String item = part.strip();
            if (item.equals("all")) {
                return true;
            }
            if (item.endsWith("+") && STRIMZI_VERSIONS.indexOf(item.substring(0, item.length() - 1)) <= ours) {
                return true;
            }
            String[] bounds = item.split("-");
            if (bounds.length == 2 && STRIMZI_VERSIONS.indexOf(bounds[0]) <= ours && ours <= STRIMZI_VERSIONS.indexOf(bounds[1])) {
                return true;
            }
            if (item.equals(STRIMZI_VERSION)) {
                return true;
            }
        }
        return false;
    }

    private static JsonSchema schema(String resource) {
        try (InputStream in = SchemaValidator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing " + resource);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
