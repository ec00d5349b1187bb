package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.Topics;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.kafka.Producers;
import io.switchboard.messaging.outbox.Outbox;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.ScramKafkaResource;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * routing-service against a broker that authenticates (SCRAM-SHA-512) and authorizes (ACLs, nothing allowed by
 * default), logged in as its own user with the ACLs deploy/ gives it (deploy/base/kafka-users.yaml): it routes end to
 * end, and a write its ACLs do not allow (the agents topic is agent-service's) is refused by the broker, both to a
 * client made from the service's own Kafka settings and to its outbox relay, whose readiness then says so and whose
 * row waits instead of being dropped.
 */
@QuarkusTest
@TestProfile(KafkaAclTest.Scram.class)
class KafkaAclTest {

    /** The shared plaintext broker is not this test's: only the SCRAM broker and the database. */
    public static class Scram implements QuarkusTestProfile {

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
                            "groups", "switchboard-routing,switchboard-routing-agents,switchboard-routing-erasures")));
        }
    }

    @Inject
    Pool pool;

    @Inject
    KafkaClientProperties serviceKafka;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Test
    void routesEndToEndWithItsOwnLoginAndAWriteItsAclsDoNotAllowIsRefusedAndShownInReadiness() throws Exception {
        assertThat(serviceKafka.security()).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        await().atMost(Duration.ofSeconds(60)).until(() -> ready().getString("status").equals("UP"));
        // Its ACLs are all it needs: the access check asked the broker and found nothing refused.
        await().atMost(Duration.ofSeconds(30)).until(() -> ready()
                .getString("checks.find { it.name == 'switchboard-kafka-access' }.data.checked") != null);
        assertThat(ready().getString("checks.find { it.name == 'switchboard-kafka-access' }.status")).isEqualTo("UP");

        try (KafkaTestClient admin = new KafkaTestClient(ScramKafkaResource.admin(bootstrap))) {
            // End to end: the customer's message (ingress' topic) is read as routing-service, in its group, and the
            // conversation is queued on routing's topic through its relay's producer.
            MessageReceived message = RoutingTestBase.message("acl-" + UUID.randomUUID().toString().substring(0, 8));
            admin.produce(CloudEventCodec.toRecord(message, "/switchboard/acl-test"));
            admin.awaitRecords(Topics.ROUTING, 1, RoutingTestBase.ofType(message.conversationKey(),
                    EventType.CONVERSATION_QUEUED), Duration.ofSeconds(60));

            // A client made from the service's own settings may not write a topic its ACLs leave out.
            try (KafkaProducer<String, byte[]> producer = Producers.reliable(serviceKafka, "acl-test")) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>(Topics.AGENTS, "ava", new byte[] {1}))
                        .get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
            }

            // Nor its relay: an outbox row for the agents topic is refused, stays in the outbox (no dead letter,
            // nothing dropped) and readiness says which row, which topic and why.
            AgentStateChanged forged = new AgentStateChanged("forged-" + UUID.randomUUID(), "ava", "Ava",
                    List.of("en"), List.of(), Map.of("whatsapp", 1), AgentPresence.AVAILABLE, Instant.now(), null,
                    null, true, 1, Instant.now());
            new Outbox("routing").append(pool, forged).await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonPath ready = ready();
                assertThat(ready.getString("status")).isEqualTo("DOWN");
                assertThat(ready.getString("checks.find { it.name == 'switchboard-consumers' }.data"))
                        .contains("routing-outbox-relay", Topics.AGENTS, "TopicAuthorizationException");
            });
            assertThat(outboxRows(forged.eventId())).isEqualTo(1);
            assertThat(admin.readAll(Topics.AGENTS)).isEmpty();
            assertThat(admin.readAll(Topics.ROUTING_DEAD_LETTER)).isEmpty();

            // Once the row is gone (an operator's decision), readiness is UP again.
            pool.preparedQuery("DELETE FROM routing.outbox WHERE event_id = $1").execute(Tuple.of(forged.eventId()))
                    .await().atMost(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(60)).until(() -> ready().getString("status").equals("UP"));
        }
    }

    private long outboxRows(String eventId) {
        return pool.preparedQuery("SELECT count(*) AS n FROM routing.outbox WHERE event_id = $1")
                .execute(Tuple.of(eventId)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong("n");
    }

    private static JsonPath ready() {
        return given().when().get("/q/health/ready").jsonPath();
    }
}
