package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the deploy tests share: both overlays rendered once with the Secrets beside them, the services' configuration,
 * and copies of the production overlay broken on purpose.
 */
final class Manifests {

    static final Path ROOT = Path.of(System.getProperty("switchboard.root", "..")).toAbsolutePath().normalize();
    static final List<String> SERVICES = List.of("ingress-service", "routing-service", "agent-service",
            "outbound-service");

    static final List<ServiceConfig> services;
    static final List<ObjectNode> dev;
    static final List<ObjectNode> production;

    static {
        try {
            List<ServiceConfig> loaded = new ArrayList<>();
            for (String service : SERVICES) {
                loaded.add(ServiceConfig.load(ROOT, service));
            }
            services = List.copyOf(loaded);
            dev = withSecrets(Kustomize.render(ROOT.resolve("deploy/overlays/dev")));
            production = withSecrets(Kustomize.render(ROOT.resolve("deploy/overlays/production")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Manifests() {
    }

    // What a cluster holds once installed: an overlay, and the Secrets applied once beside it.
    private static List<ObjectNode> withSecrets(List<ObjectNode> overlay) throws IOException {
        List<ObjectNode> all = new ArrayList<>(overlay);
        all.addAll(Kustomize.render(ROOT.resolve("deploy/secrets")));
        return all;
    }

    static List<ObjectNode> overlay(String name) {
        return name.equals("dev") ? dev : production;
    }

    static JsonNode kustomization(String dir) {
        try {
            return Kustomize.YAML.readTree(ROOT.resolve("deploy").resolve(dir).resolve("kustomization.yaml").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Grafana dashboard's JSON, as the ConfigMap the overlay renders carries it. */
    static String dashboard(List<ObjectNode> docs) {
        return new Cluster(docs).find("ConfigMap", "switchboard-grafana-dashboard").orElseThrow()
                .at("/data/switchboard-dashboard.json").asText();
    }

    static List<ObjectNode> edit(String kind, String name, Consumer<ObjectNode> change) {
        List<ObjectNode> copy = production.stream().map(ObjectNode::deepCopy).toList();
        ObjectNode target = new Cluster(copy).find(kind, name).orElseThrow(() -> new AssertionError("no " + kind + " " + name));
        change.accept(target);
        return copy;
    }

    static List<ObjectNode> remove(String kind, String name) {
        List<ObjectNode> copy = new ArrayList<>(production.stream().map(ObjectNode::deepCopy).toList());
        assertThat(copy.removeIf(doc -> doc.path("kind").asText().equals(kind) && Cluster.name(doc).equals(name))).isTrue();
        return copy;
    }

    static void assertProblems(Function<List<ObjectNode>, List<String>> check, List<ObjectNode> broken,
            String... expected) {
        List<String> problems = check.apply(broken);
        for (String problem : expected) {
            assertThat(problems).as("problems of a broken copy").anyMatch(found -> found.contains(problem));
        }
    }
}
