package io.switchboard.deploy;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The rendered manifests seen as a cluster would run them: the pods they create (ours from the Deployments, the
 * operators' from their documented labels), label selectors, and what the NetworkPolicies let through.
 */
final class Cluster {

    /** A pod, or any other end of a connection: an address outside the cluster has no namespace and no labels. */
    record Endpoint(String namespace, Map<String, String> labels, Map<String, Integer> namedPorts, String ip) {

        static Endpoint inNamespace(String namespace) {
            return new Endpoint(namespace, Map.of(), Map.of(), null);
        }

        static Endpoint address(String ip) {
            return new Endpoint(null, Map.of(), Map.of(), ip);
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();

    final List<ObjectNode> docs;

    Cluster(List<ObjectNode> docs) {
        this.docs = docs;
    }

    List<ObjectNode> ofKind(String kind) {
        return docs.stream().filter(doc -> doc.path("kind").asText().equals(kind)).toList();
    }

    Optional<ObjectNode> find(String kind, String name) {
        return ofKind(kind).stream().filter(doc -> name(doc).equals(name)).findFirst();
    }

    static String name(JsonNode doc) {
        return doc.path("metadata").path("name").asText();
    }

    String namespace() {
        return docs.stream().map(doc -> doc.path("metadata").path("namespace").asText(""))
                .filter(namespace -> !namespace.isEmpty()).findFirst().orElse("default");
    }

    /** The pod a Deployment runs. */
    Endpoint pod(ObjectNode deployment) {
        JsonNode template = deployment.path("spec").path("template");
        Map<String, Integer> ports = new HashMap<>();
        for (JsonNode container : template.path("spec").path("containers")) {
            for (JsonNode port : container.path("ports")) {
                ports.put(port.path("name").asText(), port.path("containerPort").asInt());
            }
        }
        return new Endpoint(namespace(), labels(template.path("metadata").path("labels")), ports, null);
    }

    /** Every pod: the Deployments', Strimzi's brokers and exporter, CloudNativePG's instances. */
    List<Endpoint> pods() {
        List<Endpoint> pods = new ArrayList<>(ofKind("Deployment").stream().map(this::pod).toList());
        for (ObjectNode kafka : ofKind("Kafka")) {
            String cluster = name(kafka);
            for (ObjectNode pool : ofKind("KafkaNodePool")) {
                if (cluster.equals(pool.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                    Map<String, String> labels = new HashMap<>(Map.of("strimzi.io/cluster", cluster,
                            "strimzi.io/kind", "Kafka", "strimzi.io/name", cluster + "-kafka",
                            "strimzi.io/pool-name", name(pool)));
                    pool.path("spec").path("roles").forEach(role -> labels.put("strimzi.io/" + role.asText() + "-role", "true"));
                    pods.add(new Endpoint(namespace(), labels, Map.of(), null));
                }
            }
            if (kafka.path("spec").has("kafkaExporter")) {
                pods.add(new Endpoint(namespace(), Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", cluster + "-kafka-exporter"), Map.of("tcp-prometheus", 9404), null));
            }
        }
        for (ObjectNode pg : ofKind("Cluster")) {
            pods.add(new Endpoint(namespace(), Map.of("cnpg.io/cluster", name(pg), "cnpg.io/podRole", "instance"),
                    Map.of("postgresql", 5432), null));
        }
        return pods;
    }

    static Map<String, String> labels(JsonNode labels) {
        return MAPPER.convertValue(labels.isMissingNode() ? MAPPER.createObjectNode() : labels, MAPPER.getTypeFactory()
                .constructMapType(Map.class, String.class, String.class));
    }

    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector.isMissingNode() || selector.isNull()) {
            return false;
        }
        for (var entry : (Iterable<Map.Entry<String, JsonNode>>) selector.path("matchLabels")::fields) {
            if (!entry.getValue().asText().equals(labels.get(entry.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            boolean in = StreamSupport.stream(expression.path("values").spliterator(), false)
                    .anyMatch(candidate -> candidate.asText().equals(value));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> in;
                case "NotIn" -> !in;
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code from} may open a connection to {@code to} on a port and protocol, by every NetworkPolicy. */
    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return admits(to, "Ingress", "from", from, to, port, protocol)
                && admits(from, "Egress", "to", to, to, port, protocol);
    }

    // A pod no policy of this direction selects is open; one that any selects is open only to what a rule allows.
    private boolean admits(Endpoint subject, String direction, String peers, Endpoint peer, Endpoint target, int port,
            String protocol) {
        if (subject.namespace() == null) {
            return true;
        }
        boolean selected = false;
        for (ObjectNode policy : policies(subject)) {
            JsonNode spec = policy.path("spec");
            boolean hasDirection = StreamSupport.stream(spec.path("policyTypes").spliterator(), false)
                    .anyMatch(type -> type.asText().equals(direction));
            if (!hasDirection) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path(direction.toLowerCase())) {
                if (peerMatches(rule.path(peers), peer, subject.namespace())
                        && portMatches(rule.path("ports"), target, port, protocol)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    List<ObjectNode> policies(Endpoint pod) {
        return ofKind("NetworkPolicy").stream()
                .filter(policy -> policy.path("metadata").path("namespace").asText(namespace()).equals(pod.namespace()))
                .filter(policy -> matches(policy.path("spec").path("podSelector"), pod.labels())).toList();
    }

    private static boolean peerMatches(JsonNode peers, Endpoint peer, String policyNamespace) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode candidate : peers) {
            if (candidate.has("ipBlock")) {
                if (peer.ip() != null && inBlock(candidate.get("ipBlock"), peer.ip())) {
                    return true;
                }
                continue;
            }
            if (peer.namespace() == null) {
                continue;
            }
            boolean namespaceOk = candidate.has("namespaceSelector")
                    ? matches(candidate.get("namespaceSelector"), Map.of("kubernetes.io/metadata.name", peer.namespace()))
                    : peer.namespace().equals(policyNamespace);
            boolean podOk = !candidate.has("podSelector") || matches(candidate.get("podSelector"), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, Endpoint target, int port, String protocol) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode candidate : ports) {
            boolean protocolOk = candidate.path("protocol").asText("TCP").equals(protocol);
            JsonNode value = candidate.path("port");
            boolean portOk = value.isMissingNode()
                    || (value.isInt() ? value.asInt() == port : target.namedPorts().get(value.asText()) != null
                            && target.namedPorts().get(value.asText()) == port);
            if (protocolOk && portOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean inBlock(JsonNode block, String ip) {
        if (!inCidr(block.path("cidr").asText(), ip)) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(except.asText(), ip)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String cidr, String ip) {
        try {
            String[] parts = cidr.split("/");
            int bits = Integer.parseInt(parts[1]);
            BigInteger network = new BigInteger(1, InetAddress.getByName(parts[0]).getAddress());
            BigInteger address = new BigInteger(1, InetAddress.getByName(ip).getAddress());
            return bits == 0 || network.shiftRight(32 - bits).equals(address.shiftRight(32 - bits));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
