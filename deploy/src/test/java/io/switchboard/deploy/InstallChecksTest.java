package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.ROOT;
import static io.switchboard.deploy.Manifests.assertProblems;
import static io.switchboard.deploy.Manifests.dashboard;
import static io.switchboard.deploy.Manifests.edit;
import static io.switchboard.deploy.Manifests.kustomization;
import static io.switchboard.deploy.Manifests.overlay;
import static io.switchboard.deploy.Manifests.production;
import static io.switchboard.deploy.Manifests.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The install as an operator applies it: namespace, replicas under KEDA, image names, dashboard figures and traces
 * ({@link InstallChecks}), on both overlays, and each check on a copy broken on purpose.
 */
class InstallChecksTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyOverlayPassesTheInstallChecks(String name) throws IOException {
        Cluster cluster = new Cluster(overlay(name));
        String namespace = kustomization("overlays/" + name).path("namespace").asText();
        assertThat(namespace).isEqualTo("switchboard");
        // The Secrets, applied apart from the overlays, must land in the same namespace.
        assertThat(kustomization("secrets").path("namespace").asText()).isEqualTo(namespace);
        assertThat(InstallChecks.namespaces(overlay(name), namespace)).isEmpty();
        assertThat(InstallChecks.scaledReplicas(cluster)).isEmpty();
        assertThat(InstallChecks.images(cluster, services, kustomization("overlays/" + name))).isEmpty();
        assertThat(InstallChecks.sharedGauges(dashboard(overlay(name)))).isEmpty();
        assertThat(InstallChecks.telemetry(cluster, services)).isEmpty();
    }

    @Test
    void anOverlaysNamespaceCoversItsOwnResourcesAndTheBases(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "namespace: elsewhere\nresources: ["
                + ROOT.resolve("deploy/overlays/production") + "]\n");
        List<ObjectNode> rendered = Kustomize.render(dir);
        assertThat(new Cluster(rendered).ofKind("ScaledObject")).hasSize(4);
        assertThat(InstallChecks.namespaces(rendered, "elsewhere")).isEmpty();
        assertThat(InstallChecks.namespaces(rendered, "switchboard")).anyMatch(p -> p.startsWith("ScaledObject routing-service"));
    }

    @Test
    void namespaceCheckCatchesAnObjectOutsideTheOverlaysNamespace() {
        assertProblems(docs -> InstallChecks.namespaces(docs, "switchboard"), edit("ScaledObject", "agent-service",
                s -> ((ObjectNode) s.get("metadata")).remove("namespace")),
                "ScaledObject agent-service is in namespace '', not switchboard");
        assertProblems(docs -> InstallChecks.namespaces(docs, "switchboard"), edit("KafkaTopic", "switchboard.inbound.v1",
                t -> ((ObjectNode) t.get("metadata")).put("namespace", "kafka")), "KafkaTopic switchboard.inbound.v1");
    }

    @Test
    void replicaCheckCatchesAScaledDeploymentThatPinsItsReplicas() {
        assertProblems(docs -> InstallChecks.scaledReplicas(new Cluster(docs)), edit("Deployment", "routing-service",
                d -> ((ObjectNode) d.get("spec")).put("replicas", 2)),
                "Deployment routing-service pins replicas 2, yet ScaledObject routing-service scales it");
    }

    @Test
    void imageCheckCatchesAnImageWithoutRegistryOrOutsideTheOverlaysImages() {
        assertProblems(docs -> InstallChecks.images(new Cluster(docs), services, kustomization("overlays/production")),
                edit("Deployment", "agent-service", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0"))
                        .put("image", "switchboard/agent-service:0.1.0")),
                "agent-service: image switchboard/agent-service:0.1.0 is not <registry>/switchboard/agent-service:<tag>");
        assertProblems(docs -> InstallChecks.images(new Cluster(docs), services, kustomization("overlays/production")),
                edit("Deployment", "agent-service", d -> ((ObjectNode) d.at("/spec/template/spec/containers/0"))
                        .put("image", "REGISTRY/acme/agent-service:0.1.0")),
                "is not <registry>/switchboard/agent-service:<tag>");
        ObjectNode kustomization = (ObjectNode) kustomization("overlays/production").deepCopy();
        ((ArrayNode) kustomization.get("images")).remove(0);
        assertThat(InstallChecks.images(new Cluster(production), services, kustomization))
                .containsExactly("ingress-service: image REGISTRY/switchboard/ingress-service is not in the overlay's images:"
                        + " (the registry is set there)");
    }

    @Test
    void dashboardCheckCatchesASumOverReplicasOfASharedGauge() throws IOException {
        String real = dashboard(production);
        for (String gauge : InstallChecks.SHARED_GAUGES) {
            // Each is on the dashboard, and a name the services really register.
            assertThat(real).contains(gauge);
            assertThat(Metrics.registered(ROOT)).contains(gauge);
        }
        String summed = real.replace("max by (queue) (switchboard_routing_queue_depth)",
                "sum by (queue) (switchboard_routing_queue_depth)");
        assertThat(InstallChecks.sharedGauges(summed)).containsExactly("dashboard: sum by (queue)"
                + " (switchboard_routing_queue_depth) must be max by (...) (switchboard_routing_queue_depth): every replica reports it");
        String nested = real.replace("max by (presence) (switchboard_agent_presence_agents)",
                "sum by (presence) (max by (presence, pod) (switchboard_agent_presence_agents))");
        assertThat(InstallChecks.sharedGauges(nested)).singleElement().asString().contains("switchboard_agent_presence_agents");
    }

    @Test
    void telemetryCheckCatchesAnEndpointThePoliciesDoNotAllow() {
        assertProblems(docs -> InstallChecks.telemetry(new Cluster(docs), services),
                Manifests.remove("NetworkPolicy", "switchboard-to-otel-collector"),
                "ingress-service: cannot reach the OTLP collector otel-collector.observability:4317");
        // An overlay that moves the collector must open the way to it as well.
        assertProblems(docs -> InstallChecks.telemetry(new Cluster(docs), services), edit("ConfigMap", "switchboard-telemetry",
                m -> ((ObjectNode) m.get("data")).put(InstallChecks.OTLP_ENDPOINT, "http://collector.tracing:4317")),
                "outbound-service: cannot reach the OTLP collector collector.tracing:4317 (namespace tracing)");
        assertProblems(docs -> InstallChecks.telemetry(new Cluster(docs), services), edit("ConfigMap", "switchboard-telemetry",
                m -> ((ObjectNode) m.get("data")).remove(InstallChecks.OTLP_ENDPOINT)),
                "agent-service: no QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    @Test
    void theDockerContextHoldsWhatTheDockerfileCopiesAndNoOtherBuildOutput(@TempDir Path dir) throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        Path ignore = ROOT.resolve(".dockerignore");
        assertThat(InstallChecks.dockerContext(dockerfile, new DockerIgnore(ignore), Manifests.SERVICES)).isEmpty();

        Path noException = dir.resolve("no-exception");
        Files.writeString(noException, Files.readString(ignore).replace("!**/target/quarkus-app", ""));
        assertThat(InstallChecks.dockerContext(dockerfile, new DockerIgnore(noException), Manifests.SERVICES))
                .contains(".dockerignore leaves out routing-service/target/quarkus-app/lib/x.jar, which the Dockerfile copies");
        Path noTarget = dir.resolve("no-target");
        Files.writeString(noTarget, Files.readString(ignore).replace("**/target/*", "").replace("\n.git\n", "\n"));
        assertThat(InstallChecks.dockerContext(dockerfile, new DockerIgnore(noTarget), Manifests.SERVICES)).contains(
                ".dockerignore sends routing-service/target/classes/application.properties to the Docker engine",
                ".dockerignore sends .git/HEAD to the Docker engine");
    }
}
