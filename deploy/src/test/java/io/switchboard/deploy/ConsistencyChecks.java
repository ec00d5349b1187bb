package io.switchboard.deploy;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.apache.kafka.clients.admin.NewTopic;

import io.switchboard.deploy.Cluster.Endpoint;
import io.switchboard.events.EventType;
import io.switchboard.events.TopicCreator;
import io.switchboard.events.Topics;

/**
 * Checks that the rendered manifests agree with the code: topics, configuration keys, ports, consumer groups, selectors
 * and network paths. Each returns the problems it found, empty when all is well, so a test can break a copy on purpose
 * and see the check catch it.
 */
final class ConsistencyChecks {

    /** Where the ingress controller, Prometheus, KEDA and cluster DNS run (deploy/README.md, Prerequisites). */
    static final String INGRESS_CONTROLLER = "ingress-nginx";
    static final String MONITORING = "monitoring";
    static final String KEDA = "keda";
    static final Endpoint DNS = new Endpoint("kube-system", Map.of("k8s-app", "kube-dns"), Map.of(), null);
    /** An address on the internet, as the Graph API's (TEST-NET-3, never routed). */
    static final Endpoint INTERNET = Endpoint.address("203.0.113.10");

    // Keys of Quarkus extensions that a service's application.properties has no line for (no local default), each
    // known to the services that have the extension: the datasource password, the OTLP collector traces go to, and the
    // Kafka login every client of a Kafka service reads (messaging's KafkaClientProperties, Quarkus' kafka.* map).
    private static final Map<String, Predicate<ServiceConfig>> FRAMEWORK_KEYS = Map.of(
            "quarkus.datasource.password", service -> service.properties().containsKey("quarkus.datasource.db-kind"),
            "quarkus.otel.exporter.otlp.endpoint", ServiceConfig::traces,
            "kafka.security.protocol", ServiceConfig::usesKafka,
            "kafka.sasl.mechanism", ServiceConfig::usesKafka,
            "kafka.sasl.jaas.config", ServiceConfig::usesKafka);

    private ConsistencyChecks() {
    }

    /** The longest a topic that is not compacted may keep a record: 30 days (docs/privacy.md). */
    static final long PRIVACY_HORIZON_MS = 30L * 24 * 3600 * 1000;

    /**
     * Every topic of the contract is a KafkaTopic of the cluster, compacted exactly where TopicCreator compacts; the
     * others keep records no longer than the privacy horizon.
     */
    static List<String> topics(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        Set<String> contract = new LinkedHashSet<>(constants(Topics.class));
        for (EventType type : EventType.values()) {
            contract.add(type.topic());
        }
        String kafka = cluster.ofKind("Kafka").stream().map(Cluster::name).findFirst().orElse("<no Kafka>");
        Map<String, ObjectNode> declared = new HashMap<>();
        for (ObjectNode topic : cluster.ofKind("KafkaTopic")) {
            String name = topic.path("spec").path("topicName").asText(Cluster.name(topic));
            declared.put(name, topic);
            if (!contract.contains(name)) {
                problems.add("KafkaTopic " + name + " is no topic of the event contract (Topics)");
            }
        }
        for (String name : contract) {
            ObjectNode topic = declared.get(name);
            if (topic == null) {
                problems.add("topic " + name + " of the event contract has no KafkaTopic");
                continue;
            }
            if (!kafka.equals(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())) {
                problems.add("KafkaTopic " + name + " does not belong to Kafka cluster " + kafka);
            }
            String expected = cleanupPolicy(name);
            String actual = topic.path("spec").path("config").path("cleanup.policy").asText("delete");
            if (!expected.equals(actual)) {
                problems.add("KafkaTopic " + name + " has cleanup.policy " + actual + ", the code expects " + expected);
            }
            // Content on a topic that is not compacted outlives an erasure until its retention ends (docs/privacy.md).
            JsonNode retention = topic.path("spec").path("config").path("retention.ms");
            if ("delete".equals(actual) && !retention.canConvertToLong()) {
                problems.add("KafkaTopic " + name + " has no retention.ms: its content must age out (docs/privacy.md)");
            } else if ("delete".equals(actual) && retention.asLong() > PRIVACY_HORIZON_MS) {
                problems.add("KafkaTopic " + name + " keeps records " + retention.asLong() + " ms, longer than the "
                        + PRIVACY_HORIZON_MS + " ms docs/privacy.md promises");
            }
        }
        return problems;
    }

    /** Every variable a Deployment sets is a configuration key of its service; everything the service needs is set. */
    static List<String> environment(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        for (ServiceConfig service : services) {
            Map<String, String> env = new HashMap<>();
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (deployment.isEmpty()) {
                problems.add("no Deployment " + service.name());
                continue;
            }
            JsonNode container = container(deployment.get(), service.name());
            collectEnv(cluster, service.name(), container, env, problems);
            Set<String> set = new LinkedHashSet<>();
            for (String variable : env.keySet()) {
                String key = configKey(service, variable);
                if (key == null) {
                    problems.add(service.name() + ": " + variable + " maps to no configuration key of the service");
                } else {
                    set.add(key);
                }
            }
            for (String key : required(service, set)) {
                if (!set.contains(key)) {
                    problems.add(service.name() + ": " + key + " is required and not set (" + ServiceConfig.envName(key) + ")");
                }
            }
            // SmallRye itself, with every placeholder filled: what the service's start would say of this environment.
            Map<String, String> filled = new HashMap<>();
            env.forEach((variable, value) -> filled.put(variable, value.isEmpty() ? "filled" : value));
            try {
                service.bind(filled);
            } catch (RuntimeException | IOException e) {
                problems.add(service.name() + ": SmallRye Config refuses this environment: "
                        + String.valueOf(e.getMessage()).lines().limit(3).reduce((a, b) -> a + " " + b).orElse(""));
            }
        }
        return problems;
    }

    /**
     * Container ports, Services agree with {@code quarkus.http.port}; probes and scrape annotations with the
     * management port ({@code quarkus.management.port}).
     */
    static List<String> ports(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Map<String, String> probes = Map.of("startupProbe", "/q/health/started", "livenessProbe", "/q/health/live",
                "readinessProbe", "/q/health/ready");
        for (ServiceConfig service : services) {
            int port = service.httpPort();
            int management = service.managementPort();
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (deployment.isEmpty()) {
                problems.add("no Deployment " + service.name());
                continue;
            }
            Endpoint pod = cluster.pod(deployment.get());
            JsonNode container = container(deployment.get(), service.name());
            if (!Integer.valueOf(port).equals(pod.namedPorts().get("http"))) {
                problems.add(service.name() + ": container port http is " + pod.namedPorts().get("http")
                        + ", quarkus.http.port is " + port);
            }
            if (management != port && !Integer.valueOf(management).equals(pod.namedPorts().get("management"))) {
                problems.add(service.name() + ": container port management is " + pod.namedPorts().get("management")
                        + ", quarkus.management.port is " + management);
            }
            probes.forEach((probe, path) -> {
                JsonNode get = container.path(probe).path("httpGet");
                if (!path.equals(get.path("path").asText()) || resolve(get.path("port"), pod) != management) {
                    problems.add(service.name() + ": " + probe + " must GET " + path + " on port " + management);
                }
            });
            String scrape = deployment.get().path("spec").path("template").path("metadata").path("annotations")
                    .path("prometheus.io/port").asText();
            if (!String.valueOf(management).equals(scrape)) {
                problems.add(service.name() + ": prometheus.io/port is " + scrape + ", the management port is "
                        + management);
            }
            Optional<ObjectNode> svc = cluster.find("Service", service.name());
            if (svc.isEmpty()) {
                problems.add("no Service " + service.name());
                continue;
            }
            for (JsonNode servicePort : svc.get().path("spec").path("ports")) {
                if (resolve(servicePort.path("targetPort"), pod) != port || servicePort.path("port").asInt() != port) {
                    problems.add("Service " + service.name() + " port " + servicePort.path("name").asText()
                            + " does not lead to quarkus.http.port " + port);
                }
            }
        }
        for (ObjectNode ingress : cluster.ofKind("Ingress")) {
            for (JsonNode backend : ingress.findValues("service")) {
                Optional<ObjectNode> svc = cluster.find("Service", backend.path("name").asText());
                boolean found = svc.isPresent() && svc.get().path("spec").path("ports").findValues("name").stream()
                        .anyMatch(name -> name.asText().equals(backend.path("port").path("name").asText()))
                        || svc.isPresent() && svc.get().path("spec").path("ports").findValues("port").stream()
                                .anyMatch(number -> number.asInt() == backend.path("port").path("number").asInt(-1));
                if (!found) {
                    problems.add("Ingress " + Cluster.name(ingress) + ": no Service port for backend " + backend);
                }
            }
        }
        return problems;
    }

    /** KEDA scales a Deployment on consumer groups and topics that service really consumes, within the partitions. */
    static List<String> autoscaling(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        String bootstrap = bootstrapHost(cluster);
        for (ObjectNode scaled : cluster.ofKind("ScaledObject")) {
            String target = scaled.path("spec").path("scaleTargetRef").path("name").asText();
            Optional<ServiceConfig> service = services.stream().filter(s -> s.name().equals(target)).findFirst();
            if (cluster.find("Deployment", target).isEmpty() || service.isEmpty()) {
                problems.add("ScaledObject " + Cluster.name(scaled) + " targets " + target + ", no service Deployment");
                continue;
            }
            int max = scaled.path("spec").path("maxReplicaCount").asInt(100);
            for (JsonNode trigger : scaled.path("spec").path("triggers")) {
                JsonNode metadata = trigger.path("metadata");
                List<String> pair = List.of(metadata.path("consumerGroup").asText(), metadata.path("topic").asText());
                if (!service.get().consumption().contains(pair)) {
                    problems.add("ScaledObject " + target + ": " + target + " does not consume " + pair.get(1)
                            + " as group " + pair.get(0) + " (it consumes " + service.get().consumption() + ")");
                }
                if (!metadata.path("bootstrapServers").asText().startsWith(bootstrap)) {
                    problems.add("ScaledObject " + target + ": bootstrapServers is not " + bootstrap);
                }
                cluster.find("KafkaTopic", pair.get(1)).ifPresent(topic -> {
                    if (topic.path("spec").path("partitions").asInt() < max) {
                        problems.add("ScaledObject " + target + ": maxReplicaCount " + max + " exceeds the partitions of "
                                + pair.get(1));
                    }
                });
            }
        }
        return problems;
    }

    /** Selectors select: Services one Deployment, budgets, policies and monitors at least one pod. */
    static List<String> selectors(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        List<Endpoint> pods = cluster.pods();
        for (ObjectNode deployment : cluster.ofKind("Deployment")) {
            if (!Cluster.matches(deployment.path("spec").path("selector"), cluster.pod(deployment).labels())) {
                problems.add("Deployment " + Cluster.name(deployment) + ": selector does not match its pod template");
            }
        }
        for (ObjectNode service : cluster.ofKind("Service")) {
            JsonNode selector = service.path("spec").path("selector");
            long count = cluster.ofKind("Deployment").stream()
                    .filter(d -> Cluster.labels(selector).entrySet().stream()
                            .allMatch(e -> e.getValue().equals(cluster.pod(d).labels().get(e.getKey())))).count();
            if (selector.isEmpty() || count != 1) {
                problems.add("Service " + Cluster.name(service) + " selects " + count + " Deployments, not 1");
            }
        }
        Map<String, List<JsonNode>> selectors = new HashMap<>();
        cluster.ofKind("PodDisruptionBudget").forEach(pdb -> selectors.put("PodDisruptionBudget " + Cluster.name(pdb),
                List.of(pdb.path("spec").path("selector"))));
        cluster.ofKind("PodMonitor").forEach(monitor -> selectors.put("PodMonitor " + Cluster.name(monitor),
                List.of(monitor.path("spec").path("selector"))));
        for (ObjectNode policy : cluster.ofKind("NetworkPolicy")) {
            List<JsonNode> all = new ArrayList<>(List.of(policy.path("spec").path("podSelector")));
            // Peers in our own namespace (no namespaceSelector) must select pods that exist.
            for (JsonNode peer : policy.path("spec").findValues("from")) {
                peer.forEach(p -> { if (p.has("podSelector") && !p.has("namespaceSelector")) all.add(p.get("podSelector")); });
            }
            for (JsonNode peer : policy.path("spec").findValues("to")) {
                peer.forEach(p -> { if (p.has("podSelector") && !p.has("namespaceSelector")) all.add(p.get("podSelector")); });
            }
            selectors.put("NetworkPolicy " + Cluster.name(policy), all);
        }
        selectors.forEach((owner, list) -> list.forEach(selector -> {
            if (pods.stream().noneMatch(pod -> Cluster.matches(selector, pod.labels()))) {
                problems.add(owner + ": selector " + selector + " matches no pod");
            }
        }));
        return problems;
    }

    /**
     * The network paths each service needs are open, and no others that matter: the ingress controller reaches only
     * the services behind the Ingress; Prometheus reaches every service; every service reaches DNS and Kafka; those
     * with a database reach PostgreSQL, the others do not; only a service calling channel APIs reaches the internet.
     */
    static List<String> networkPolicies(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        Set<String> exposed = new LinkedHashSet<>();
        cluster.ofKind("Ingress").forEach(ingress -> ingress.findValues("service")
                .forEach(backend -> exposed.add(backend.path("name").asText())));
        Endpoint ingressController = new Endpoint(INGRESS_CONTROLLER, Map.of(), Map.of(), null);
        Endpoint prometheus = new Endpoint(MONITORING, Map.of(), Map.of(), null);
        Endpoint keda = new Endpoint(KEDA, Map.of(), Map.of(), null);
        Optional<Endpoint> broker = cluster.pods().stream()
                .filter(pod -> "true".equals(pod.labels().get("strimzi.io/broker-role"))).findFirst();
        Optional<Endpoint> postgres = cluster.pods().stream()
                .filter(pod -> pod.labels().containsKey("cnpg.io/cluster")).findFirst();
        int kafkaPort = kafkaListenerPort(cluster);
        for (ServiceConfig service : services) {
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (deployment.isEmpty()) {
                continue;
            }
            Endpoint pod = cluster.pod(deployment.get());
            int http = service.httpPort();
            boolean fromController = cluster.allows(ingressController, pod, http, "TCP");
            if (exposed.contains(service.name()) != fromController) {
                problems.add(service.name() + ": the ingress controller " + (fromController ? "reaches" : "cannot reach")
                        + " it on " + http + (fromController ? ", yet no Ingress routes to it" : ", yet the Ingress routes to it"));
            }
            int management = service.managementPort();
            if (!cluster.allows(prometheus, pod, management, "TCP")) {
                problems.add(service.name() + ": Prometheus cannot scrape port " + management);
            }
            if (management != http && cluster.allows(ingressController, pod, management, "TCP")) {
                problems.add(service.name() + ": the ingress controller reaches its management port " + management);
            }
            if (!cluster.allows(pod, DNS, 53, "UDP")) {
                problems.add(service.name() + ": cannot reach DNS");
            }
            if (broker.isEmpty() || !cluster.allows(pod, broker.get(), kafkaPort, "TCP")) {
                problems.add(service.name() + ": cannot reach the Kafka brokers on " + kafkaPort);
            }
            boolean database = service.properties().containsKey("quarkus.datasource.db-kind");
            boolean reachesDatabase = postgres.isPresent() && cluster.allows(pod, postgres.get(), 5432, "TCP");
            if (database != reachesDatabase) {
                problems.add(service.name() + (database ? ": cannot reach PostgreSQL on 5432" : ": reaches PostgreSQL, needs none"));
            }
            boolean callsOut = callsChannels(cluster, service, deployment.get());
            if (callsOut != cluster.allows(pod, INTERNET, 443, "TCP")) {
                problems.add(service.name() + (callsOut ? ": cannot reach channel APIs on 443" : ": reaches the internet, needs not"));
            }
        }
        if (broker.isPresent() && !cluster.allows(keda, broker.get(), kafkaPort, "TCP")) {
            problems.add("KEDA cannot read consumer lag from Kafka on " + kafkaPort);
        }
        problems.addAll(kafkaPeers(cluster, services));
        problems.addAll(policyPorts(cluster));
        return problems;
    }

    // Strimzi writes the brokers' NetworkPolicy from the listener's networkPolicyPeers: every service must be one.
    private static List<String> kafkaPeers(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        for (JsonNode listener : cluster.ofKind("Kafka").stream()
                .flatMap(kafka -> iterable(kafka.path("spec").path("kafka").path("listeners")).stream()).toList()) {
            JsonNode peers = listener.path("networkPolicyPeers");
            if (peers.isMissingNode()) {
                continue;
            }
            for (ServiceConfig service : services) {
                cluster.find("Deployment", service.name()).ifPresent(deployment -> {
                    Endpoint pod = cluster.pod(deployment);
                    boolean admitted = iterable(peers).stream().anyMatch(peer -> !peer.has("namespaceSelector")
                            && Cluster.matches(peer.path("podSelector"), pod.labels()));
                    if (!admitted) {
                        problems.add("Kafka listener " + listener.path("name").asText() + " does not admit " + service.name());
                    }
                });
            }
            boolean keda = iterable(peers).stream().anyMatch(peer -> Cluster.matches(peer.path("namespaceSelector"),
                    Map.of("kubernetes.io/metadata.name", KEDA)));
            if (!cluster.ofKind("ScaledObject").isEmpty() && !keda) {
                problems.add("Kafka listener " + listener.path("name").asText() + " does not admit KEDA");
            }
        }
        return problems;
    }

    // A policy's ingress port must be one its pods listen on.
    private static List<String> policyPorts(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode policy : cluster.ofKind("NetworkPolicy")) {
            List<Endpoint> selected = cluster.ofKind("Deployment").stream().map(cluster::pod)
                    .filter(pod -> Cluster.matches(policy.path("spec").path("podSelector"), pod.labels())).toList();
            for (JsonNode port : policy.path("spec").path("ingress").findValues("port")) {
                for (Endpoint pod : selected) {
                    boolean listens = port.isInt() ? pod.namedPorts().containsValue(port.asInt())
                            : pod.namedPorts().containsKey(port.asText());
                    if (!listens) {
                        problems.add("NetworkPolicy " + Cluster.name(policy) + ": port " + port.asText()
                                + " is not a port of " + pod.labels().get("app.kubernetes.io/name"));
                    }
                }
            }
        }
        return problems;
    }

    /** The environment a service's container gets: its variables with their values ("" for a reference). */
    static Map<String, String> env(Cluster cluster, String service) {
        Map<String, String> env = new HashMap<>();
        cluster.find("Deployment", service).ifPresent(deployment ->
                collectEnv(cluster, service, container(deployment, service), env, new ArrayList<>()));
        return env;
    }

    private static boolean callsChannels(Cluster cluster, ServiceConfig service, ObjectNode deployment) {
        Map<String, String> env = env(cluster, service.name());
        // A base URL it calls; a public base URL (ingress's Twilio one) is where it is called, not an egress.
        return env.entrySet().stream().anyMatch(e -> e.getKey().endsWith("_BASE_URL")
                && !e.getKey().endsWith("_PUBLIC_BASE_URL") && e.getValue().startsWith("https://"));
    }

    static JsonNode container(ObjectNode deployment, String name) {
        for (JsonNode container : deployment.path("spec").path("template").path("spec").path("containers")) {
            if (container.path("name").asText().equals(name)) {
                return container;
            }
        }
        return deployment.path("spec").path("template").path("spec").path("containers").path(0);
    }

    // The container's environment: env entries and every key of the ConfigMaps and Secrets it takes whole.
    private static void collectEnv(Cluster cluster, String service, JsonNode container, Map<String, String> env,
            List<String> problems) {
        for (JsonNode source : container.path("envFrom")) {
            for (String kind : List.of("ConfigMap", "Secret")) {
                JsonNode ref = source.path(kind.equals("ConfigMap") ? "configMapRef" : "secretRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                Optional<ObjectNode> object = cluster.find(kind, ref.path("name").asText());
                if (object.isEmpty()) {
                    problems.add(service + ": envFrom names a missing " + kind + " " + ref.path("name").asText());
                    continue;
                }
                for (String field : List.of("data", "stringData")) {
                    object.get().path(field).fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
                }
            }
        }
        for (JsonNode variable : container.path("env")) {
            env.put(variable.path("name").asText(), variable.path("value").asText(""));
            for (String kind : List.of("ConfigMap", "Secret")) {
                JsonNode ref = variable.path("valueFrom").path(kind.equals("ConfigMap") ? "configMapKeyRef" : "secretKeyRef");
                if (ref.isMissingNode()) {
                    continue;
                }
                Optional<ObjectNode> object = cluster.find(kind, ref.path("name").asText());
                String key = ref.path("key").asText();
                if (kind.equals("Secret") && KafkaAccessChecks.userOperatorWrites(cluster, ref.path("name").asText(), key)) {
                    continue;
                }
                if (object.isEmpty() || !(object.get().path("data").has(key) || object.get().path("stringData").has(key))) {
                    problems.add(service + ": " + variable.path("name").asText() + " refers to missing key " + key
                            + " of " + kind + " " + ref.path("name").asText());
                }
            }
        }
    }

    private static String configKey(ServiceConfig service, String variable) {
        for (String key : service.keys()) {
            if (ServiceConfig.envName(key).equals(variable)) {
                return key;
            }
        }
        for (ServiceConfig.Leaf leaf : service.mapping()) {
            Matcher matcher = ServiceConfig.envPattern(leaf.pattern()).matcher(variable);
            if (matcher.matches()) {
                String key = leaf.pattern();
                for (int group = 1; group <= matcher.groupCount(); group++) {
                    if (matcher.group(group) != null) {
                        key = key.replaceFirst("\\*", matcher.group(group).toLowerCase());
                    }
                }
                return key;
            }
        }
        return FRAMEWORK_KEYS.entrySet().stream().filter(key -> ServiceConfig.envName(key.getKey()).equals(variable))
                .filter(key -> key.getValue().test(service)).map(Map.Entry::getKey).findFirst().orElse(null);
    }

    // What production must set: required mapping leaves (in every map entry that is used), every key whose only value
    // is a local address, the database password, the OTLP endpoint of a service that traces, and the JWT key when only dev
    // and test have one.
    private static Set<String> required(ServiceConfig service, Set<String> set) {
        Set<String> required = new LinkedHashSet<>();
        for (ServiceConfig.Leaf leaf : service.mapping()) {
            if (!leaf.required()) {
                continue;
            }
            if (leaf.mapEntry() == null) {
                required.add(leaf.pattern());
                continue;
            }
            String entryPrefix = leaf.mapEntry().substring(0, leaf.mapEntry().length() - 1);
            for (String key : set) {
                if (key.startsWith(entryPrefix)) {
                    String entry = key.substring(entryPrefix.length()).split("\\.")[0];
                    required.add(leaf.pattern().replace("*", entry));
                }
            }
        }
        service.properties().forEach((key, value) -> {
            if (value.contains("localhost") || value.contains("127.0.0.1")) {
                required.add(key);
            }
        });
        if (service.properties().containsKey("quarkus.datasource.db-kind")) {
            required.add("quarkus.datasource.username");
            required.add("quarkus.datasource.password");
        }
        // Its default is localhost: a pod exporting there loses every span.
        if (service.traces()) {
            required.add("quarkus.otel.exporter.otlp.endpoint");
        }
        // The listener refuses a client that does not log in (KafkaAccessChecks.listener).
        if (service.usesKafka()) {
            required.addAll(List.of("kafka.security.protocol", "kafka.sasl.mechanism", "kafka.sasl.jaas.config"));
        }
        if (service.keys().contains("mp.jwt.verify.publickey.location")
                && !service.properties().containsKey("mp.jwt.verify.publickey.location")) {
            required.add("mp.jwt.verify.publickey.location");
        }
        return required;
    }

    private static int resolve(JsonNode port, Endpoint pod) {
        return port.isInt() ? port.asInt() : pod.namedPorts().getOrDefault(port.asText(), -1);
    }

    private static int kafkaListenerPort(Cluster cluster) {
        return cluster.ofKind("Kafka").stream()
                .flatMap(kafka -> iterable(kafka.path("spec").path("kafka").path("listeners")).stream())
                .filter(listener -> listener.path("type").asText().equals("internal"))
                .mapToInt(listener -> listener.path("port").asInt()).findFirst().orElse(-1);
    }

    // Strimzi's bootstrap Service: <cluster>-kafka-bootstrap, on the internal listener's port.
    private static String bootstrapHost(Cluster cluster) {
        String kafka = cluster.ofKind("Kafka").stream().map(Cluster::name).findFirst().orElse("<no Kafka>");
        return kafka + "-kafka-bootstrap";
    }

    /** KAFKA_BOOTSTRAP_SERVERS and the datasource URLs point at the Strimzi and CloudNativePG objects of this install. */
    static List<String> endpoints(Cluster cluster, List<ServiceConfig> services) {
        List<String> problems = new ArrayList<>();
        int kafkaPort = kafkaListenerPort(cluster);
        Set<String> databases = new LinkedHashSet<>();
        cluster.ofKind("Database").forEach(db -> databases.add(db.path("spec").path("name").asText()));
        Set<String> pgHosts = new LinkedHashSet<>();
        cluster.ofKind("Cluster").forEach(pg -> pgHosts.add(Cluster.name(pg) + "-rw"));
        for (ServiceConfig service : services) {
            Optional<ObjectNode> deployment = cluster.find("Deployment", service.name());
            if (deployment.isEmpty()) {
                continue;
            }
            Map<String, String> env = new HashMap<>();
            collectEnv(cluster, service.name(), container(deployment.get(), service.name()), env, problems);
            String kafka = env.getOrDefault("KAFKA_BOOTSTRAP_SERVERS", "");
            if (!kafka.matches(bootstrapHost(cluster) + "(\\.[a-z0-9.-]+)?:" + kafkaPort)) {
                problems.add(service.name() + ": KAFKA_BOOTSTRAP_SERVERS " + kafka + " is not " + bootstrapHost(cluster)
                        + ":" + kafkaPort);
            }
            String url = env.get("QUARKUS_DATASOURCE_REACTIVE_URL");
            if (url != null) {
                URI uri = URI.create(url);
                if (!pgHosts.contains(uri.getHost()) || uri.getPort() != 5432
                        || !databases.contains(uri.getPath().substring(1))) {
                    problems.add(service.name() + ": " + url + " names no CloudNativePG cluster and Database here");
                }
            }
        }
        return problems;
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static Set<String> constants(Class<?> type) {
        Set<String> values = new LinkedHashSet<>();
        for (var field : type.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
                try {
                    values.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return values;
    }

    // The compaction rule lives in TopicCreator (dev and test topics); the manifests must follow the same one.
    private static String cleanupPolicy(String topic) {
        try {
            Method newTopic = TopicCreator.class.getDeclaredMethod("newTopic", String.class, int.class);
            newTopic.setAccessible(true);
            NewTopic created = (NewTopic) newTopic.invoke(null, topic, 1);
            return created.configs() == null ? "delete" : created.configs().getOrDefault("cleanup.policy", "delete");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("TopicCreator.newTopic(String, int) is where compaction is decided", e);
        }
    }
}
