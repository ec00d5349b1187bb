package io.switchboard.deploy;

import static io.switchboard.deploy.Manifests.assertProblems;
import static io.switchboard.deploy.Manifests.edit;
import static io.switchboard.deploy.Manifests.overlay;
import static io.switchboard.deploy.Manifests.remove;
import static io.switchboard.deploy.Manifests.services;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Kafka wants a login and authorizes by ACLs; each service's KafkaUser allows exactly the topics and groups its
 * application.properties name, and each Deployment logs in as it. Every check also runs on copies broken on purpose.
 */
class KafkaAccessTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "production"})
    void everyServiceLogsInAsItsOwnUserWhoseAclsAreExactlyItsConfiguredTopicsAndGroups(String name) {
        Cluster cluster = new Cluster(overlay(name));
        assertThat(KafkaAccessChecks.listener(cluster)).isEmpty();
        assertThat(KafkaAccessChecks.acls(cluster, services)).isEmpty();
        assertThat(KafkaAccessChecks.credentials(cluster, services)).isEmpty();
        assertThat(cluster.ofKind("KafkaUser")).extracting(Cluster::name).contains("ingress-service",
                "routing-service", "agent-service", "outbound-service");
    }

    @Test
    void theAclCheckFailsWhenAChannelTopicOrGroupIsMissingOrMoreIsAllowed() {
        // routing's inbound channel (mp.messaging.incoming.inbound.topic) no longer in its ACLs
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), edit("KafkaUser", "routing-service",
                user -> removeAcl(user, "switchboard.inbound.v1")),
                "KafkaUser routing-service: may not Read topic switchboard.inbound.v1",
                "may not Describe topic switchboard.inbound.v1");
        // outbound's outgoing results channel
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), edit("KafkaUser", "outbound-service",
                user -> removeAcl(user, "switchboard.outbound-results.v1")),
                "KafkaUser outbound-service: may not Write topic switchboard.outbound-results.v1");
        // a dead-letter topic, and a consumer group
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), edit("KafkaUser", "agent-service",
                user -> {
                    removeAcl(user, "switchboard.agent.dead-letter.v1");
                    removeAcl(user, "switchboard-agent-results");
                }), "may not Write topic switchboard.agent.dead-letter.v1",
                "may not use its consumer group switchboard-agent-results");
        // ingress writing outbound; routing writing the agents topic it only reads; a group it does not use
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), edit("KafkaUser", "ingress-service",
                user -> addAcl(user, "topic", "switchboard.outbound.v1", "literal", "Write")),
                "KafkaUser ingress-service: allows [Write] on topic switchboard.outbound.v1, which its configuration"
                        + " never names");
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), edit("KafkaUser", "routing-service",
                user -> {
                    ArrayNode acls = (ArrayNode) user.at("/spec/authorization/acls");
                    for (JsonNode acl : acls) {
                        if (acl.at("/resource/name").asText().equals("switchboard.agents.v1")) {
                            ((ArrayNode) acl.path("operations")).add("Write");
                        }
                    }
                    addAcl(user, "group", "switchboard-agent", "literal", "Read");
                    addAcl(user, "topic", "switchboard.", "prefix", "Read");
                }), "may Write topic switchboard.agents.v1, which its configuration does not write",
                "allows [Read] on group switchboard-agent, which it does not use",
                "allows [Read] on topic switchboard.*");
        // a service without its user; another user that may read
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), remove("KafkaUser", "agent-service"),
                "agent-service: no KafkaUser agent-service");
        assertProblems(c -> KafkaAccessChecks.acls(new Cluster(c), services), edit("KafkaUser", "keda",
                user -> addAcl(user, "topic", "switchboard.inbound.v1", "literal", "Read")),
                "KafkaUser keda is no service's and may Read switchboard.inbound.v1");
    }

    @Test
    void theListenerAndCredentialChecksFailWithoutALoginOrAuthorization() {
        assertProblems(c -> KafkaAccessChecks.listener(new Cluster(c)), edit("Kafka", "switchboard-kafka", kafka -> {
            ((ObjectNode) kafka.at("/spec/kafka/listeners/0")).remove("authentication");
            ((ObjectNode) kafka.at("/spec/kafka")).remove("authorization");
            ((ObjectNode) kafka.at("/spec/entityOperator")).remove("userOperator");
        }), "listener plain does not require scram-sha-512", "authorization is not type simple", "no userOperator");
        assertProblems(c -> KafkaAccessChecks.credentials(new Cluster(c), services), edit("Deployment",
                "outbound-service", deployment -> {
                    ArrayNode env = (ArrayNode) deployment.at("/spec/template/spec/containers/0/env");
                    for (JsonNode variable : env) {
                        if (variable.path("name").asText().equals("KAFKA_SASL_JAAS_CONFIG")) {
                            ((ObjectNode) variable.at("/valueFrom/secretKeyRef")).put("name", "routing-service");
                        }
                    }
                }), "outbound-service: KAFKA_SASL_JAAS_CONFIG is not key sasl.jaas.config of the Secret of KafkaUser"
                        + " outbound-service");
        assertProblems(c -> KafkaAccessChecks.credentials(new Cluster(c), services), edit("ConfigMap",
                "ingress-service-config", config -> ((ObjectNode) config.path("data")).put("KAFKA_SECURITY_PROTOCOL",
                        "PLAINTEXT")), "ingress-service: KAFKA_SECURITY_PROTOCOL is PLAINTEXT");
        // The environment check wants the login set at all.
        assertProblems(c -> ConsistencyChecks.environment(new Cluster(c), services), edit("ConfigMap",
                "agent-service-config", config -> ((ObjectNode) config.path("data")).remove("KAFKA_SASL_MECHANISM")),
                "agent-service: kafka.sasl.mechanism is required and not set");
    }

    private static void removeAcl(ObjectNode user, String resource) {
        ArrayNode acls = (ArrayNode) user.at("/spec/authorization/acls");
        List<JsonNode> kept = new ArrayList<>();
        acls.forEach(acl -> {
            if (!acl.at("/resource/name").asText().equals(resource)) {
                kept.add(acl);
            }
        });
        assertThat(kept).hasSizeLessThan(acls.size());
        acls.removeAll();
        acls.addAll(kept);
    }

    private static void addAcl(ObjectNode user, String type, String name, String pattern, String operation) {
        ObjectNode acl = ((ArrayNode) user.at("/spec/authorization/acls")).addObject();
        acl.putObject("resource").put("type", type).put("name", name).put("patternType", pattern);
        acl.putArray("operations").add(operation);
    }
}
