package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.switchboard.events.Topics;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.ScramKafkaResource;

/**
 * routing-service whose Kafka user lacks one thing its configuration needs (the agents channel's consumer group): the
 * broker refuses the consumer, and readiness says so, naming the channel, instead of the service looking healthy
 * while the agents' states never arrive.
 */
@QuarkusTest
@TestProfile(KafkaAclGroupTest.MissingGroup.class)
class KafkaAclGroupTest {

    /** Every ACL of {@link KafkaAclTest.Scram} but the group switchboard-routing-agents. */
    public static class MissingGroup implements QuarkusTestProfile {

        @Override
        public boolean disableGlobalTestResources() {
            return true;
        }

        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(PostgresResource.class),
                    new TestResourceEntry(ScramKafkaResource.class, Map.of(
                            "user", "routing-service",
                            "topics", String.join(",", Topics.INBOUND, Topics.AGENTS, Topics.AGENT_ACTIONS,
                                    Topics.ROUTING, Topics.OUTBOUND, Topics.ROUTING_DEAD_LETTER, Topics.ERASURES,
                                    Topics.ERASURE_RESULTS, Topics.QUEUE_STATS),
                            "read", String.join(",", Topics.INBOUND, Topics.AGENTS, Topics.AGENT_ACTIONS,
                                    Topics.ERASURES),
                            "write", String.join(",", Topics.ROUTING, Topics.OUTBOUND, Topics.ROUTING_DEAD_LETTER,
                                    Topics.ERASURE_RESULTS, Topics.QUEUE_STATS),
                            "groups", "switchboard-routing,switchboard-routing-erasures")));
        }
    }

    @Test
    void aConsumerGroupItsAclsDoNotAllowTurnsReadinessDownNamingTheGroup() {
        // The broker refuses the consumer (SmallRye retries it and says nothing); messaging's access check does.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Response ready = given().when().get("/q/health/ready");
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.jsonPath().getString("checks.find { it.name == 'switchboard-kafka-access' }.status"))
                    .isEqualTo("DOWN");
            assertThat(ready.jsonPath().getString("checks.find { it.name == 'switchboard-kafka-access' }.data"))
                    .contains("group switchboard-routing-agents", "READ", "GroupAuthorizationException");
        });
        // Only that: the topics and the other group are allowed.
        assertThat(given().when().get("/q/health/ready").jsonPath()
                .getMap("checks.find { it.name == 'switchboard-kafka-access' }.data")).containsOnlyKeys(
                        "group switchboard-routing-agents", "checked");
        // Liveness stays UP: a restart would not grant the ACL.
        assertThat(given().when().get("/q/health/live").statusCode()).isEqualTo(200);
    }
}
