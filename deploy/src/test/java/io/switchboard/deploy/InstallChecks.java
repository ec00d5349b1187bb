package io.switchboard.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.deploy.Cluster.Endpoint;

/**
 * Checks of what an operator's install relies on beyond the code's configuration: every object in the overlay's
 * namespace, KEDA alone setting the replicas it scales, images named for the operator's registry as the services' Jib
 * build names them, dashboard figures that do not grow with the replicas, and traces that reach their collector. Each
 * returns the problems it found, empty when all is well.
 */
final class InstallChecks {

    /** Kinds that live outside any namespace (of those the manifests hold). */
    static final Set<String> CLUSTER_SCOPED = Set.of("Namespace");

    /**
     * Gauges every replica reports with the same value, read from the database (or, for outbound-service's single
     * replica, its whole state): summing them over pods would double the figure with two replicas.
     */
    static final Set<String> SHARED_GAUGES = Set.of("switchboard_routing_queue_depth",
            "switchboard_routing_queue_oldest_wait_seconds", "switchboard_agent_presence_agents",
            "switchboard_outbound_parked_commands", "switchboard_outbound_account_paused");

    static final String OTLP_ENDPOINT = "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern POM_PROPERTY = Pattern.compile("<(quarkus\\.container-image\\.(group|name))>([^<]+)</");

    private InstallChecks() {
    }

    /** Every namespaced object, the operators' custom resources included, names the overlay's namespace. */
    static List<String> namespaces(List<ObjectNode> docs, String namespace) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode doc : docs) {
            String kind = doc.path("kind").asText();
            String actual = doc.path("metadata").path("namespace").asText("");
            if (!CLUSTER_SCOPED.contains(kind) && !actual.equals(namespace)) {
                problems.add(kind + " " + Cluster.name(doc) + " is in namespace '" + actual + "', not " + namespace);
            }
        }
        return problems;
    }

    /** A Deployment KEDA scales has no spec.replicas: each apply would reset the count KEDA set. */
    static List<String> scaledReplicas(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode scaled : cluster.ofKind("ScaledObject")) {
            String target = scaled.path("spec").path("scaleTargetRef").path("name").asText();
            cluster.find("Deployment", target).filter(d -> d.path("spec").has("replicas")).ifPresent(d -> problems.add(
                    "Deployment " + target + " pins replicas " + d.at("/spec/replicas").asText()
                            + ", yet ScaledObject " + Cluster.name(scaled) + " scales it"));
        }
        return problems;
    }

    /**
     * Each service's image is {@code <registry>/<group>/<name>:<tag>}, group and name as its pom gives Jib, and the
     * overlay's {@code images:} lists it, so that the operator names the registry and tag in one place.
     */
    static List<String> images(Cluster cluster, List<ServiceConfig> services, JsonNode kustomization) {
        List<String> problems = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        kustomization.path("images").forEach(image -> listed.add(image.path("newName").asText(image.path("name").asText())));
        for (ServiceConfig service : services) {
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (deployment.isEmpty()) {
                continue;
            }
            String image = ConsistencyChecks.container(deployment.get(), service.name()).path("image").asText();
            String repository = jibRepository(service);
            int tag = image.lastIndexOf(':');
            String name = tag > image.lastIndexOf('/') ? image.substring(0, tag) : image;
            int slash = name.indexOf('/');
            if (tag <= image.lastIndexOf('/') || slash < 0 || !name.substring(slash + 1).equals(repository)) {
                problems.add(service.name() + ": image " + image + " is not <registry>/" + repository + ":<tag>");
            }
            if (!listed.contains(name)) {
                problems.add(service.name() + ": image " + name + " is not in the overlay's images: (the registry is set there)");
            }
        }
        return problems;
    }

    // What Jib names the image after the registry: quarkus.container-image.group/name of the service's pom.
    private static String jibRepository(ServiceConfig service) {
        try {
            String pom = Files.readString(service.module().resolve("pom.xml"));
            Map<String, String> values = new java.util.HashMap<>();
            Matcher matcher = POM_PROPERTY.matcher(pom);
            while (matcher.find()) {
                values.put(matcher.group(2), matcher.group(3).replace("${project.artifactId}", service.name()));
            }
            return values.getOrDefault("group", "<no quarkus.container-image.group>") + "/"
                    + values.getOrDefault("name", "<no quarkus.container-image.name>");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A panel reading a gauge every replica reports alike takes the max over replicas, never the sum. */
    static List<String> sharedGauges(String dashboard) throws IOException {
        List<String> problems = new ArrayList<>();
        for (String expr : JSON.readTree(dashboard).findValuesAsText("expr")) {
            for (String gauge : SHARED_GAUGES) {
                Pattern maxBy = Pattern.compile("\\s*max by \\([a-z_, ]+\\) \\(" + gauge + "(\\{[^}]*})?\\)\\s*");
                if (Pattern.compile("\\b" + gauge + "\\b").matcher(expr).find() && !maxBy.matcher(expr).matches()) {
                    problems.add("dashboard: " + expr + " must be max by (...) (" + gauge + "): every replica reports it");
                }
            }
        }
        return problems;
    }

    /**
     * Every service that traces (quarkus-opentelemetry) is given an OTLP endpoint that is not its own pod, and the
     * network policies let it reach that host's namespace on that port.
     */
    static List<String> telemetry(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : services) {
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (deployment.isEmpty() || !service.traces()) {
                continue;
            }
            String endpoint = ConsistencyChecks.env(cluster, service.name()).get(OTLP_ENDPOINT);
            if (endpoint == null || endpoint.isEmpty()) {
                problems.add(service.name() + ": no " + OTLP_ENDPOINT + " (traces would go to localhost)");
                continue;
            }
            URI uri = URI.create(endpoint);
            if (uri.getHost() == null || uri.getPort() < 0) {
                problems.add(service.name() + ": " + OTLP_ENDPOINT + " " + endpoint + " has no host and port");
                continue;
            }
            // <service>.<namespace>[.svc...]: a bare name is in our own namespace.
            String[] labels = uri.getHost().split("\\.");
            String namespace = labels.length > 1 ? labels[1] : cluster.namespace();
            Endpoint collector = new Endpoint(namespace, Map.of(), Map.of(), null);
            if (!cluster.allows(cluster.pod(deployment.get()), collector, uri.getPort(), "TCP")) {
                problems.add(service.name() + ": cannot reach the OTLP collector " + uri.getHost() + ":" + uri.getPort()
                        + " (namespace " + namespace + ")");
            }
        }
        return problems;
    }

    /** What never belongs in deploy/Dockerfile's build context (paths relative to the repository). */
    static final List<String> OUTSIDE_CONTEXT = List.of(".git/HEAD", ".local/postgres/PG_VERSION", ".idea/workspace.xml",
            "ingress-service/ingress-service.iml", "routing-service/target/classes/application.properties",
            "agent-service/target/agent-service-0.1.0-SNAPSHOT.jar", "outbound-service/target/surefire-reports/x.txt");

    private static final Pattern COPY = Pattern.compile("(?m)^COPY\\s+(?:--\\S+\\s+)*(\\S+)\\s+\\S+\\s*$");

    /**
     * The Docker build context keeps what the Dockerfile copies, for every service, and leaves the rest of target/,
     * Git, the run command's local data and IDE files out.
     */
    static List<String> dockerContext(String dockerfile, DockerIgnore ignore, List<String> services) {
        List<String> problems = new ArrayList<>();
        Matcher copy = COPY.matcher(dockerfile);
        while (copy.find()) {
            for (String service : services) {
                // A file the source names: a directory's content, a glob's match.
                String source = copy.group(1).replace("${SERVICE}", service).replace("*", "quarkus-run");
                String file = source.endsWith("/") ? source + "x.jar" : source;
                if (!ignore.sends(file)) {
                    problems.add(".dockerignore leaves out " + file + ", which the Dockerfile copies");
                }
            }
        }
        for (String path : OUTSIDE_CONTEXT) {
            if (ignore.sends(path)) {
                problems.add(".dockerignore sends " + path + " to the Docker engine");
            }
        }
        return problems;
    }
}
