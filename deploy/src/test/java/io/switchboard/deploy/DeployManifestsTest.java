package io.switchboard.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.switchboard.deploy.Manifests.ROOT;
import static io.switchboard.deploy.Manifests.assertProblems;
import static io.switchboard.deploy.Manifests.dashboard;
import static io.switchboard.deploy.Manifests.dev;
import static io.switchboard.deploy.Manifests.edit;
import static io.switchboard.deploy.Manifests.overlay;
import static io.switchboard.deploy.Manifests.production;
import static io.switchboard.deploy.Manifests.remove;
import static io.switchboard.deploy.Manifests.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders each overlay as {@code kubectl apply -k} would, validates every object against the Kubernetes and operator
 * schemas, and checks the manifests against the services' code. Every check is also run on a copy broken on purpose,
 * to show that it fails when the manifests drift. No cluster, no network.
 */
class DeployManifestsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    // ---- every overlay renders, validates and agrees with the code

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyObjectIsValidAgainstItsSchema(String overlay) {
        assertThat(overlay(overlay)).hasSizeGreaterThan(30);
        assertThat(SchemaValidator.validate(overlay(overlay))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void manifestsAgreeWithTheCode(String overlay) {
        Cluster cluster = new Cluster(overlay(overlay));
        assertThat(ConsistencyChecks.topics(cluster)).isEmpty();
        assertThat(ConsistencyChecks.environment(cluster, services)).isEmpty();
        assertThat(ConsistencyChecks.ports(cluster, services)).isEmpty();
        assertThat(ConsistencyChecks.endpoints(cluster, services)).isEmpty();
        assertThat(ConsistencyChecks.autoscaling(cluster, services)).isEmpty();
        assertThat(ConsistencyChecks.selectors(cluster)).isEmpty();
        assertThat(ConsistencyChecks.networkPolicies(cluster, services)).isEmpty();
        assertThat(KafkaAccessChecks.listener(cluster)).isEmpty();
        assertThat(KafkaAccessChecks.acls(cluster, services)).isEmpty();
        assertThat(KafkaAccessChecks.credentials(cluster, services)).isEmpty();
        assertThat(hardening(cluster)).isEmpty();
        assertThat(placeholdersOnly(cluster)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void applyingAnOverlayNeverResetsAFilledSecret(String overlay) throws IOException {
        assertThat(Kustomize.render(ROOT.resolve("deploy/overlays/" + overlay)))
                .noneMatch(doc -> doc.path("kind").asText().equals("Secret"));
        assertThat(Kustomize.render(ROOT.resolve("deploy/secrets")))
                .allMatch(doc -> doc.path("kind").asText().equals("Secret"));
    }

    @Test
    void smallRyeReadsTheMapEntriesFromTheEnvironmentVariables() throws Exception {
        Cluster cluster = new Cluster(production);
        Object outbound = service("outbound-service").bind(ConsistencyChecks.env(cluster, "outbound-service"));
        Map<?, ?> accounts = (Map<?, ?>) outbound.getClass().getMethod("accounts").invoke(outbound);
        assertThat(accounts.keySet()).map(String::valueOf).containsExactlyInAnyOrder("1234567890", "example",
                "123456789", "15550001111");
        Object example = accounts.get("example");
        assertThat(example.getClass().getMethod("channel").invoke(example)).isEqualTo("custom");
        Object bot = accounts.get("123456789");
        assertThat(bot.getClass().getMethod("channel").invoke(bot)).isEqualTo("telegram");

        Map<String, String> ingressEnv = new HashMap<>(ConsistencyChecks.env(cluster, "ingress-service"));
        ingressEnv.replaceAll((variable, value) -> value.isEmpty() ? "filled" : value);
        Object ingress = service("ingress-service").bind(ingressEnv);
        Object custom = ingress.getClass().getMethod("custom").invoke(ingress);
        Map<?, ?> sources = (Map<?, ?>) custom.getClass().getMethod("sources").invoke(custom);
        assertThat(sources.keySet()).map(String::valueOf).containsExactly("example");
        Object telegram = ingress.getClass().getMethod("telegram").invoke(ingress);
        Map<?, ?> bots = (Map<?, ?>) telegram.getClass().getMethod("bots").invoke(telegram);
        assertThat(bots.keySet()).map(String::valueOf).containsExactly("123456789");
        Object twilio = ingress.getClass().getMethod("twilio").invoke(ingress);
        Map<?, ?> twilioAccounts = (Map<?, ?>) twilio.getClass().getMethod("accounts").invoke(twilio);
        assertThat(twilioAccounts.keySet()).map(String::valueOf)
                .allMatch(sid -> sid.equalsIgnoreCase("AC00000000000000000000000000000000")).hasSize(1);
    }

    private static ServiceConfig service(String name) {
        return services.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void devIsOneOfEverythingSmallWithKafkaOnEphemeralStorage() {
        Cluster cluster = new Cluster(dev);
        cluster.ofKind("Deployment").forEach(d -> assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(cluster.find("KafkaNodePool", "dual-role").orElseThrow().at("/spec/storage/type").asText())
                .isEqualTo("ephemeral");
        assertThat(cluster.find("KafkaNodePool", "dual-role").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(cluster.find("Cluster", "switchboard-pg").orElseThrow().at("/spec/instances").asInt()).isEqualTo(1);
        assertThat(cluster.ofKind("ScaledObject")).isEmpty();
        cluster.ofKind("Deployment").forEach(d -> assertThat(
                d.at("/spec/template/spec/containers/0/resources/limits/memory").asText()).isEqualTo("384Mi"));
    }

    @Test
    void productionIsHighlyAvailableAndScalesConsumersOnLag() {
        Cluster cluster = new Cluster(production);
        JsonNode kafka = cluster.find("Kafka", "switchboard-kafka").orElseThrow().at("/spec/kafka/config");
        assertThat(cluster.find("KafkaNodePool", "dual-role").orElseThrow().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(kafka.path("default.replication.factor").asInt()).isEqualTo(3);
        assertThat(kafka.path("min.insync.replicas").asInt()).isEqualTo(2);
        assertThat(kafka.path("transaction.state.log.min.isr").asInt()).isEqualTo(2);
        assertThat(cluster.find("Cluster", "switchboard-pg").orElseThrow().at("/spec/instances").asInt()).isEqualTo(3);
        // outbound-service too: its commands are keyed by sender, and a sender's state follows its partition.
        for (String consumer : List.of("ingress-service", "routing-service", "agent-service", "outbound-service")) {
            // KEDA keeps them at two or more; the Deployment leaves the count to it.
            assertThat(cluster.find("Deployment", consumer).orElseThrow().path("spec").has("replicas")).isFalse();
            assertThat(cluster.find("ScaledObject", consumer).orElseThrow().at("/spec/minReplicaCount").asInt()).isEqualTo(2);
        }
        assertThat(cluster.find("ScaledObject", "outbound-service").orElseThrow()
                .at("/spec/triggers/0/metadata/consumerGroup").asText()).isEqualTo("switchboard-outbound");
        cluster.ofKind("Deployment").forEach(d -> {
            assertThat(d.at("/spec/template/spec/containers/0/image").asText()).endsWith(":0.1.0");
            assertThat(d.at("/spec/template/spec/containers/0/resources/limits/cpu").asText()).isEqualTo("2");
        });
    }

    @Test
    void theGrafanaDashboardIsAConfigMapForTheSidecar() throws IOException {
        ObjectNode configMap = new Cluster(production).find("ConfigMap", "switchboard-grafana-dashboard").orElseThrow();
        assertThat(configMap.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        JsonNode dashboard = JSON.readTree(configMap.at("/data/switchboard-dashboard.json").asText());
        List<String> expressions = dashboard.findValuesAsText("expr");
        for (String metric : List.of("switchboard_ingress_webhooks_total", "switchboard_ingress_ack_seconds_bucket",
                "switchboard_ingress_events_total", "switchboard_ingress_dead_letters_total",
                "switchboard_routing_queue_depth", "switchboard_routing_queue_oldest_wait_seconds",
                "switchboard_routing_offers_total", "switchboard_routing_assignments_total", "switchboard_agent_presence_agents",
                "switchboard_agent_sockets_connected", "switchboard_outbound_results_total", "kafka_consumergroup_lag")) {
            assertThat(expressions).as(metric).anyMatch(expr -> expr.contains(metric));
        }
    }

    @Test
    void theDashboardQueriesOnlyMetricsTheServicesRegister() throws IOException {
        assertThat(Metrics.unknownInDashboard(ROOT, dashboard(production))).isEmpty();
        String typo = dashboard(production).replace("switchboard_ingress_webhooks_total", "switchboard_ingress_webhook_total");
        assertThat(Metrics.unknownInDashboard(ROOT, typo)).containsExactly("switchboard_ingress_webhook_total");
    }

    @Test
    void theRendererRefusesWhatItDoesNotImplementAndPatchesThatMatchNothing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [../base]\nhelmCharts: []\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("'helmCharts' is not supported");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [" + ROOT.resolve("deploy/base") + "]\n"
                + "patches:\n  - target: {kind: Deployment, name: routing}\n    patch: '[{op: remove, path: /spec/replicas}]'\n");
        assertThatThrownBy(() -> Kustomize.render(dir)).hasMessageContaining("patch target matches nothing");
        Files.writeString(dir.resolve("kustomization.yaml"), "resources: [" + ROOT.resolve("deploy/base") + "]\n"
                + "images:\n  - {name: REGISTRY/switchboard/routing-service, newName: registry.example.com/switchboard/routing-service,"
                + " newTag: 0.2.0}\n");
        assertThat(new Cluster(Kustomize.render(dir)).find("Deployment", "routing-service").orElseThrow()
                .at("/spec/template/spec/containers/0/image").asText())
                .isEqualTo("registry.example.com/switchboard/routing-service:0.2.0");
    }

    // ---- each check fails on a copy broken on purpose

    @Test
    void schemaValidationCatchesUnknownFieldsWrongTypesAndMissingRequiredFields() {
        assertProblems(SchemaValidator::validate, edit("Deployment", "routing-service",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0")).put("imagePullPolcy", "Always")),
                "imagePullPolcy` in the JSON string is not defined in the `V1Container` properties");
        assertProblems(SchemaValidator::validate, edit("Deployment", "routing-service",
                d -> ((ObjectNode) d.get("spec")).put("replicas", "two")), "Deployment routing-service");
        assertProblems(SchemaValidator::validate, edit("Deployment", "routing-service",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0")).remove("name")),
                "The required field `name` is not found");
        assertProblems(SchemaValidator::validate, edit("Service", "routing-service",
                s -> ((ObjectNode) s.at("/spec/ports/0")).remove("port")), "The required field `port` is not found");
        assertProblems(SchemaValidator::validate, edit("KafkaTopic", "switchboard.inbound.v1",
                t -> ((ObjectNode) t.get("spec")).put("partitionz", 12)), "unknown field(s) [partitionz]");
        assertProblems(SchemaValidator::validate, edit("KafkaNodePool", "dual-role",
                p -> ((ObjectNode) p.get("spec")).remove("roles")), "spec.roles is required");
        // kafka.strimzi.io/v1: the old version is refused, as are fields only v1beta2 had, and v1 requires spec.
        assertProblems(SchemaValidator::validate, edit("Kafka", "switchboard-kafka",
                k -> k.put("apiVersion", "kafka.strimzi.io/v1beta2")), "no schema for this apiVersion and kind");
        assertProblems(SchemaValidator::validate, edit("Kafka", "switchboard-kafka",
                k -> ((ObjectNode) k.at("/spec/entityOperator/topicOperator")).put("reconciliationIntervalSeconds", 60)),
                "spec.entityOperator.topicOperator.reconciliationIntervalSeconds is not in kafka.strimzi.io/v1");
        assertProblems(SchemaValidator::validate, edit("Kafka", "switchboard-kafka",
                k -> ((ObjectNode) k.at("/spec/kafka")).put("replicas", 3)), "spec.kafka.replicas is not in kafka.strimzi.io/v1");
        assertProblems(SchemaValidator::validate, edit("KafkaTopic", "switchboard.inbound.v1", t -> t.remove("spec")),
                "spec is required");
        assertProblems(SchemaValidator::validate, edit("ScaledObject", "routing-service",
                s -> ((ObjectNode) s.get("spec")).remove("scaleTargetRef")), "ScaledObject routing-service");
        assertProblems(SchemaValidator::validate, edit("ScaledObject", "routing-service",
                s -> ((ObjectNode) s.at("/spec/triggers/0/metadata")).put("consumerGroupp", "x")), "ScaledObject routing-service");
        assertProblems(SchemaValidator::validate, edit("Cluster", "switchboard-pg",
                c -> ((ObjectNode) c.get("spec")).put("instance", 3)), "Cluster switchboard-pg");
        assertProblems(SchemaValidator::validate, edit("PodMonitor", "switchboard-services",
                m -> ((ObjectNode) m.at("/spec/podMetricsEndpoints/0")).put("interval", "fifteen")), "PodMonitor");
        assertProblems(SchemaValidator::validate, edit("Ingress", "switchboard",
                i -> i.put("apiVersion", "extensions/v1beta1")), "no schema for this apiVersion and kind");
        assertProblems(SchemaValidator::validate, edit("ConfigMap", "switchboard-grafana-dashboard",
                c -> ((ObjectNode) c.at("/metadata/labels")).put("grafana_dashboard", 1)), "must be a string");
    }

    @Test
    void topicCheckCatchesMissingTopicsWrongCompactionAndNoRetention() {
        assertProblems(c -> ConsistencyChecks.topics(new Cluster(c)), remove("KafkaTopic", "switchboard.agents.v1"),
                "topic switchboard.agents.v1 of the event contract has no KafkaTopic");
        assertProblems(c -> ConsistencyChecks.topics(new Cluster(c)), edit("KafkaTopic", "switchboard.agents.v1",
                t -> ((ObjectNode) t.at("/spec/config")).put("cleanup.policy", "delete")), "the code expects compact");
        assertProblems(c -> ConsistencyChecks.topics(new Cluster(c)), edit("KafkaTopic", "switchboard.inbound.v1",
                t -> ((ObjectNode) t.at("/spec/config")).put("cleanup.policy", "compact")), "the code expects delete");
        assertProblems(c -> ConsistencyChecks.topics(new Cluster(c)), edit("KafkaTopic", "switchboard.raw-webhooks.v1",
                t -> ((ObjectNode) t.at("/spec/config")).remove("retention.ms")), "has no retention.ms");
        assertProblems(c -> ConsistencyChecks.topics(new Cluster(c)), edit("KafkaTopic", "switchboard.outbound.v1",
                t -> ((ObjectNode) t.at("/spec/config")).put("retention.ms", 7_776_000_000L)), "longer than the");
        assertProblems(c -> ConsistencyChecks.topics(new Cluster(c)), edit("KafkaTopic", "switchboard.status.v1",
                t -> ((ObjectNode) t.at("/metadata")).put("name", "switchboard.status.v2")), "is no topic of the event contract");
    }

    @Test
    void environmentCheckCatchesUnknownVariablesAndMissingRequiredOnes() {
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "routing-service-config",
                m -> ((ObjectNode) m.get("data")).put("SWITCHBOARD_ROUTING_OFFER_TIMEOUTS", "PT30S")),
                "SWITCHBOARD_ROUTING_OFFER_TIMEOUTS maps to no configuration key");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "outbound-service-config",
                m -> ((ObjectNode) m.get("data")).remove("SWITCHBOARD_OUTBOUND_ACCOUNTS__1234567890__BASE_URL")),
                "switchboard.outbound.accounts.1234567890.base-url is required");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "agent-service-config",
                m -> ((ObjectNode) m.get("data")).remove("KAFKA_BOOTSTRAP_SERVERS")), "kafka.bootstrap.servers is required");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "agent-service-config",
                m -> ((ObjectNode) m.get("data")).remove("MP_JWT_VERIFY_PUBLICKEY_LOCATION")),
                "mp.jwt.verify.publickey.location is required");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "switchboard-telemetry",
                m -> ((ObjectNode) m.get("data")).remove("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")),
                "routing-service: quarkus.otel.exporter.otlp.endpoint is required");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("Secret", "switchboard-pg-routing",
                s -> ((ObjectNode) s.get("stringData")).remove("password")), "refers to missing key password");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "ingress-service-config",
                m -> ((ObjectNode) m.get("data")).put("QUARKUS_DATASOURCE_PASSWORD", "x")),
                "QUARKUS_DATASOURCE_PASSWORD maps to no configuration key");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "outbound-service-config",
                m -> ((ObjectNode) m.get("data")).put("SWITCHBOARD_OUTBOUND_ACCOUNTS_555000111222_CHANNEL", "whatsapp")),
                "SWITCHBOARD_OUTBOUND_ACCOUNTS_555000111222_CHANNEL maps to no configuration key");
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap", "routing-service-config",
                m -> ((ObjectNode) m.get("data")).put("SWITCHBOARD_ROUTING_STICKY_WINDOW", "thirty seconds")),
                "routing-service: SmallRye Config refuses this environment");
    }

    @Test
    void portCheckCatchesPortsAndProbesThatMissQuarkusHttpPort() {
        assertProblems(c -> ConsistencyChecks.ports(new Cluster(c), services), edit("Deployment", "routing-service",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/ports/0")).put("containerPort", 8081)),
                "routing-service: container port http is 8081, quarkus.http.port is 8082");
        assertProblems(c -> ConsistencyChecks.ports(new Cluster(c), services), edit("Deployment", "agent-service",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/readinessProbe/httpGet")).put("path", "/q/health")),
                "readinessProbe must GET /q/health/ready");
        assertProblems(c -> ConsistencyChecks.ports(new Cluster(c), services), edit("Service", "outbound-service",
                s -> ((ObjectNode) s.at("/spec/ports/0")).put("targetPort", 8080)), "does not lead to quarkus.http.port 8084");
        assertProblems(c -> ConsistencyChecks.ports(new Cluster(c), services), edit("Ingress", "switchboard",
                i -> ((ObjectNode) i.at("/spec/rules/0/http/paths/0/backend/service/port")).put("name", "web")),
                "no Service port for backend");
    }

    @Test
    void endpointCheckCatchesBrokerAndDatabaseAddressesOfNoObjectHere() {
        assertProblems(c -> ConsistencyChecks.endpoints(new Cluster(c), services), edit("ConfigMap", "routing-service-config",
                m -> ((ObjectNode) m.get("data")).put("QUARKUS_DATASOURCE_REACTIVE_URL",
                        "postgresql://switchboard-pg-rw:5432/routing")), "names no CloudNativePG cluster and Database");
        assertProblems(c -> ConsistencyChecks.endpoints(new Cluster(c), services), edit("ConfigMap", "ingress-service-config",
                m -> ((ObjectNode) m.get("data")).put("KAFKA_BOOTSTRAP_SERVERS", "kafka:9093")),
                "ingress-service: KAFKA_BOOTSTRAP_SERVERS kafka:9093");
    }

    @Test
    void autoscalingCheckCatchesConsumerGroupsTheServiceDoesNotUse() {
        assertProblems(c -> ConsistencyChecks.autoscaling(new Cluster(c), services), edit("ScaledObject", "routing-service",
                s -> ((ObjectNode) s.at("/spec/triggers/0/metadata")).put("consumerGroup", "routing")),
                "does not consume switchboard.inbound.v1 as group routing");
        assertProblems(c -> ConsistencyChecks.autoscaling(new Cluster(c), services), edit("ScaledObject", "agent-service",
                s -> ((ObjectNode) s.at("/spec/triggers/0/metadata")).put("topic", "switchboard.agents.v1")),
                "does not consume switchboard.agents.v1 as group switchboard-agent");
        assertProblems(c -> ConsistencyChecks.autoscaling(new Cluster(c), services), edit("ScaledObject", "agent-service",
                s -> ((ObjectNode) s.get("spec")).put("maxReplicaCount", 20)), "maxReplicaCount 20 exceeds the partitions");
    }

    @Test
    void selectorCheckCatchesSelectorsThatSelectNothing() {
        assertProblems(c -> ConsistencyChecks.selectors(new Cluster(c)), edit("Service", "agent-service",
                s -> ((ObjectNode) s.at("/spec/selector")).put("app.kubernetes.io/name", "agents")),
                "Service agent-service selects 0 Deployments");
        assertProblems(c -> ConsistencyChecks.selectors(new Cluster(c)), edit("PodDisruptionBudget", "routing-service",
                p -> ((ObjectNode) p.at("/spec/selector/matchLabels")).put("app.kubernetes.io/name", "router")),
                "PodDisruptionBudget routing-service: selector");
        assertProblems(c -> ConsistencyChecks.selectors(new Cluster(c)), edit("NetworkPolicy", "switchboard-to-postgres",
                p -> ((ObjectNode) p.at("/spec/egress/0/to/0/podSelector/matchLabels")).put("cnpg.io/cluster", "pg")),
                "NetworkPolicy switchboard-to-postgres: selector");
    }

    @Test
    void networkPolicyCheckCatchesClosedNeededPathsAndOpenUnneededOnes() {
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services), edit("NetworkPolicy",
                "ingress-service-from-ingress-controller", p -> ((ObjectNode) p.at("/spec/ingress/0/ports/0")).put("port", 8081)),
                "ingress-service: the ingress controller cannot reach it on 8080",
                "port 8081 is not a port of ingress-service");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services), edit("NetworkPolicy",
                "ingress-service-from-ingress-controller", p -> {
                    ((ObjectNode) p.at("/spec/podSelector")).set("matchLabels",
                            JSON.createObjectNode().put("app.kubernetes.io/part-of", "switchboard"));
                    ((ObjectNode) p.at("/spec/ingress/0")).remove("ports");
                }), "routing-service: the ingress controller reaches it on 8082, yet no Ingress routes to it");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services),
                remove("NetworkPolicy", "outbound-service-to-channels"), "outbound-service: cannot reach channel APIs on 443");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services),
                remove("NetworkPolicy", "switchboard-to-postgres"), "routing-service: cannot reach PostgreSQL on 5432");
        List<ObjectNode> ingressToPostgres = edit("NetworkPolicy", "switchboard-to-postgres",
                p -> ((ArrayNode) p.at("/spec/podSelector/matchExpressions/0/values")).add("ingress-service"));
        ((ArrayNode) new Cluster(ingressToPostgres).find("NetworkPolicy", "switchboard-pg-ingress").orElseThrow()
                .at("/spec/ingress/0/from/0/podSelector/matchExpressions/0/values")).add("ingress-service");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services), ingressToPostgres,
                "ingress-service: reaches PostgreSQL, needs none");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services), edit("NetworkPolicy",
                "switchboard-dns-and-kafka", p -> ((ArrayNode) p.at("/spec/egress")).addObject().putArray("to").addObject()
                        .putObject("ipBlock").put("cidr", "0.0.0.0/0")), "ingress-service: reaches the internet, needs not");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services), edit("Kafka", "switchboard-kafka",
                k -> ((ArrayNode) k.at("/spec/kafka/listeners/0/networkPolicyPeers")).remove(1)), "does not admit KEDA");
        assertProblems(c -> ConsistencyChecks.networkPolicies(new Cluster(c), services), edit("NetworkPolicy",
                "switchboard-prometheus-scrape", p -> ((ObjectNode) p.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels"))
                        .put("kubernetes.io/metadata.name", "prometheus")), "agent-service: Prometheus cannot scrape port 9083");
    }

    @Test
    void hardeningCheckCatchesAWritableRootOrAMissingTmp() {
        assertProblems(c -> hardening(new Cluster(c)), edit("Deployment", "agent-service",
                d -> ((ObjectNode) d.at("/spec/template/spec/containers/0/securityContext")).put("readOnlyRootFilesystem", false)),
                "agent-service: readOnlyRootFilesystem");
        assertProblems(c -> hardening(new Cluster(c)), edit("Deployment", "ingress-service",
                d -> ((ArrayNode) d.at("/spec/template/spec/containers/0/volumeMounts")).remove(1)),
                "ingress-service: no emptyDir at /tmp/kafka-streams");
        assertProblems(c -> hardening(new Cluster(c)), edit("Deployment", "routing-service",
                d -> ((ObjectNode) d.at("/spec/template/spec")).put("automountServiceAccountToken", true)),
                "routing-service: automountServiceAccountToken");
    }

    @Test
    void placeholderCheckCatchesAValueInASecret() {
        assertProblems(c -> placeholdersOnly(new Cluster(c)), edit("Secret", "outbound-service-secrets",
                s -> ((ObjectNode) s.get("stringData")).put("SWITCHBOARD_OUTBOUND_ACCOUNTS_EXAMPLE_SECRET", "s3cret")),
                "Secret outbound-service-secrets: SWITCHBOARD_OUTBOUND_ACCOUNTS_EXAMPLE_SECRET");
    }

    // ---- checks of the manifests alone

    // Every service pod: non-root, RuntimeDefault seccomp, no token, read-only root with /tmp on an emptyDir, no
    // capabilities, requests and a memory limit; ingress-service's Kafka Streams state on its own emptyDir.
    private static List<String> hardening(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode deployment : cluster.ofKind("Deployment")) {
            String name = Cluster.name(deployment);
            JsonNode pod = deployment.at("/spec/template/spec");
            JsonNode container = ConsistencyChecks.container(deployment, name);
            Map<String, Boolean> required = Map.of(
                    "runAsNonRoot", pod.at("/securityContext/runAsNonRoot").asBoolean(),
                    "seccompProfile RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText().equals("RuntimeDefault"),
                    "automountServiceAccountToken false", pod.has("automountServiceAccountToken") && !pod.get("automountServiceAccountToken").asBoolean(),
                    "readOnlyRootFilesystem", container.at("/securityContext/readOnlyRootFilesystem").asBoolean(),
                    "allowPrivilegeEscalation false", container.at("/securityContext").has("allowPrivilegeEscalation") && !container.at("/securityContext/allowPrivilegeEscalation").asBoolean(),
                    "capabilities drop ALL", container.at("/securityContext/capabilities/drop").toString().contains("\"ALL\""),
                    "resources", container.at("/resources/requests/cpu").isTextual() && container.at("/resources/limits/memory").isTextual());
            required.forEach((what, ok) -> {
                if (!ok) {
                    problems.add(name + ": " + what);
                }
            });
            List<String> dirs = new ArrayList<>(List.of("/tmp"));
            // Kafka Streams keeps its state under java.io.tmpdir/kafka-streams.
            if (services.stream().anyMatch(s -> s.name().equals(name)
                    && s.properties().containsKey("quarkus.kafka-streams.application-id"))) {
                dirs.add("/tmp/kafka-streams");
            }
            for (String dir : dirs) {
                boolean mounted = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    for (JsonNode volume : pod.path("volumes")) {
                        mounted |= mount.path("mountPath").asText().equals(dir) && volume.has("emptyDir")
                                && volume.path("name").asText().equals(mount.path("name").asText());
                    }
                }
                if (!mounted) {
                    problems.add(name + ": no emptyDir at " + dir);
                }
            }
        }
        return problems;
    }

    // Secrets in the repository are placeholders: every value empty, for the operator to fill.
    private static List<String> placeholdersOnly(Cluster cluster) {
        List<String> problems = new ArrayList<>();
        for (ObjectNode secret : cluster.ofKind("Secret")) {
            secret.path("data").fields().forEachRemaining(e -> problems.add("Secret " + Cluster.name(secret) + ": "
                    + e.getKey() + " has a value in data; use an empty stringData placeholder"));
            secret.path("stringData").fields().forEachRemaining(e -> {
                boolean username = e.getKey().equals("username") && secret.path("type").asText().equals("kubernetes.io/basic-auth");
                if (!username && !e.getValue().asText().isEmpty()) {
                    problems.add("Secret " + Cluster.name(secret) + ": " + e.getKey() + " has a value, not a placeholder");
                }
            });
        }
        return problems;
    }
}
