package io.switchboard.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import io.fabric8.zjsonpatch.JsonPatch;

/**
 * Renders a kustomization the way {@code kubectl apply -k} does, for the subset our overlays use: resources (files and
 * directories), namespace, configMapGenerator without a name hash, images, and inline RFC 6902 patches with a kind and
 * name target. Anything else in a kustomization fails the render, so the overlays cannot outgrow what is verified here.
 */
final class Kustomize {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "namespace", "resources",
            "configMapGenerator", "images", "patches");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    private Kustomize() {
    }

    static List<ObjectNode> render(Path dir) throws IOException {
        JsonNode kustomization = YAML.readTree(dir.resolve("kustomization.yaml").toFile());
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(dir + ": '" + field + "' is not supported by this renderer");
            }
        });
        List<ObjectNode> docs = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = dir.resolve(resource.asText()).normalize();
            docs.addAll(Files.isDirectory(path) ? render(path) : read(path));
        }
        for (JsonNode generator : kustomization.path("configMapGenerator")) {
            docs.add(configMap(dir, generator));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            apply(docs, patch, dir);
        }
        for (JsonNode image : kustomization.path("images")) {
            setImage(docs, image);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            docs.stream().filter(doc -> !CLUSTER_SCOPED.contains(doc.path("kind").asText()))
                    .forEach(doc -> doc.with("metadata").put("namespace", namespace));
        }
        return docs;
    }

    static List<ObjectNode> read(Path file) throws IOException {
        List<ObjectNode> docs = new ArrayList<>();
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            while (values.hasNext()) {
                JsonNode doc = values.next();
                if (doc instanceof ObjectNode object && !object.isEmpty()) {
                    docs.add(object);
                }
            }
        }
        return docs;
    }

    private static ObjectNode configMap(Path dir, JsonNode generator) throws IOException {
        if (!generator.path("options").path("disableNameSuffixHash").asBoolean()) {
            throw new IllegalArgumentException(dir + ": configMapGenerator needs disableNameSuffixHash (no hash here)");
        }
        ObjectNode configMap = YAML.createObjectNode().put("apiVersion", "v1").put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata").put("name", generator.get("name").asText());
        if (generator.path("options").has("labels")) {
            metadata.set("labels", generator.path("options").get("labels").deepCopy());
        }
        ObjectNode data = configMap.putObject("data");
        for (JsonNode file : generator.path("files")) {
            Path path = dir.resolve(file.asText());
            data.put(path.getFileName().toString(), Files.readString(path));
        }
        return configMap;
    }

    private static void apply(List<ObjectNode> docs, JsonNode patch, Path dir) throws IOException {
        JsonNode target = patch.path("target");
        JsonNode operations = YAML.readTree(patch.path("patch").asText());
        if (!operations.isArray()) {
            throw new IllegalArgumentException(dir + ": only inline RFC 6902 patches are supported: " + target);
        }
        int matched = 0;
        for (int i = 0; i < docs.size(); i++) {
            ObjectNode doc = docs.get(i);
            if (doc.path("kind").asText().equals(target.path("kind").asText())
                    && doc.path("metadata").path("name").asText().equals(target.path("name").asText())) {
                docs.set(i, (ObjectNode) JsonPatch.apply(operations, doc));
                matched++;
            }
        }
        if (matched == 0) {
            throw new IllegalArgumentException(dir + ": patch target matches nothing: " + target);
        }
    }

    private static void setImage(List<ObjectNode> docs, JsonNode image) {
        String name = image.get("name").asText();
        for (ObjectNode doc : docs) {
            for (JsonNode container : doc.path("spec").path("template").path("spec").path("containers")) {
                String current = container.path("image").asText();
                int colon = current.lastIndexOf(':');
                String currentName = colon > current.lastIndexOf('/') ? current.substring(0, colon) : current;
                if (currentName.equals(name)) {
                    String tag = image.has("newTag") ? image.get("newTag").asText()
                            : colon > current.lastIndexOf('/') ? current.substring(colon + 1) : "latest";
                    ((ObjectNode) container).put("image", image.path("newName").asText(name) + ":" + tag);
                }
            }
        }
    }
}
