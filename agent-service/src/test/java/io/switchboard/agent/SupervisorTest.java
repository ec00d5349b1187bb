package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.QueueStatsChanged;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;

/**
 * The supervisors' reads: each queue's figures as routing last published them, and every agent's presence, load and
 * conversations; supervisors only (an agent gets 403).
 */
@QuarkusTest
class SupervisorTest {

    static void publish(QueueStatsChanged stats) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(CloudEventCodec.toRecord(stats, "/test/routing"));
        }
    }

    static QueueStatsChanged stats(String queueId, int whatsapp, Instant oldest, long met, long counted,
            int available, int assigned, Instant at) {
        return new QueueStatsChanged(queueId + ":" + Routing.id(), queueId,
                whatsapp == 0 ? Map.of() : Map.of("whatsapp", whatsapp, "messenger", 1), oldest, met, counted, 60L,
                available, assigned, at);
    }

    static Map<String, Object> queue(String queueId) {
        List<Map<String, Object>> queues = given().auth().oauth2(TestTokens.supervisor()).get("/supervisor/queues")
                .then().statusCode(200).extract().jsonPath().getList("$");
        return queues.stream().filter(q -> queueId.equals(q.get("queueId"))).findFirst().orElse(null);
    }

    @Test
    void aQueuesLatestFiguresAreShownAndAnOlderPublicationIsIgnored() {
        String queueId = "q-" + Routing.id();
        Instant oldest = Instant.now().minusSeconds(90);
        Instant at = Instant.now();
        publish(stats(queueId, 2, oldest, 9, 10, 1, 4, at));

        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> queue(queueId) != null);
        Map<String, Object> shown = queue(queueId);
        assertThat(shown).containsEntry("waiting", 3).containsEntry("agentsAvailable", 1)
                .containsEntry("assigned", 4).containsEntry("serviceLevelTargetSeconds", 60)
                .containsEntry("depth", Map.of("whatsapp", 2, "messenger", 1));
        assertThat(((Number) shown.get("serviceLevel")).doubleValue()).isCloseTo(0.9, within(1e-6));
        assertThat(((Number) shown.get("oldestWaitSeconds")).longValue()).isBetween(89L, 120L);

        // Another replica's publication computed earlier arrives late, then a newer one: the newer figures win
        publish(stats(queueId, 7, oldest, 1, 10, 0, 0, at.minusSeconds(5)));
        publish(stats(queueId, 0, null, 10, 10, 2, 5, at.plusSeconds(1)));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> Integer.valueOf(5).equals(
                queue(queueId).get("assigned")));
        shown = queue(queueId);
        assertThat(shown).containsEntry("waiting", 0).containsEntry("oldestWaitSeconds", 0)
                .containsEntry("agentsAvailable", 2);
        assertThat(shown.get("oldestWaitingSince")).isNull();
    }

    @Test
    void anAgentsPresenceLoadAndConversationsAreShownPageByPage() {
        String agentId = ActionsTest.agent();
        PresenceTest.setPresence(agentId, "available", null);
        String key = ActionsTest.assignedConversation(agentId, Routing.id(), Instant.now());

        Map<String, Object> shown = findAgent(agentId);
        assertThat(shown).containsEntry("presence", "available").containsEntry("displayName", "Ana Pérez");
        assertThat(shown.get("load")).isEqualTo(Map.of("whatsapp", Map.of("active", 1, "capacity", 3),
                "messenger", Map.of("active", 0, "capacity", 2)));
        List<Map<String, Object>> conversations = (List<Map<String, Object>>) shown.get("conversations");
        assertThat(conversations).singleElement().satisfies(c -> {
            assertThat(c).containsEntry("conversationKey", key).containsEntry("channel", "whatsapp")
                    .containsEntry("queueId", "support");
        });
    }

    @Test
    void anUnreadableQueueStatsRecordIsSetAsideAndTheNextIsApplied() {
        String queueId = "q-" + Routing.id();
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(Topics.QUEUE_STATS, queueId, "{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    Map.of(CloudEventCodec.HEADER_TYPE, "switchboard.queue.stats-changed"));
            ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(Topics.AGENT_DEAD_LETTER, 1,
                    r -> queueId.equals(r.key())).get(0);
            assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.QUEUE_STATS);
        }
        publish(stats(queueId, 1, Instant.now(), 0, 0, 0, 0, Instant.now()));
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> queue(queueId) != null);
    }

    @Test
    void anAgentMayNotReadTheSupervisorsViews() {
        String agentId = ActionsTest.agent();
        for (String path : new String[] {"/supervisor/queues", "/supervisor/agents"}) {
            given().auth().oauth2(TestTokens.agent(agentId)).get(path).then().statusCode(403);
        }
        given().auth().oauth2(TestTokens.supervisor()).queryParam("limit", 201).get("/supervisor/agents").then()
                .statusCode(400).body("error", equalTo("validation_failed"));
    }

    /** Walks the pages (agents by id) until the agent, checking the pages follow each other. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> findAgent(String agentId) {
        String cursor = null;
        String lastId = "";
        for (int page = 0; page < 500; page++) {
            var request = given().auth().oauth2(TestTokens.supervisor()).queryParam("limit", 200);
            if (cursor != null) {
                request = request.queryParam("cursor", cursor);
            }
            JsonPath body = request.get("/supervisor/agents").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = body.getList("items");
            for (Map<String, Object> item : items) {
                assertThat((String) item.get("id")).isGreaterThan(lastId);
                lastId = (String) item.get("id");
                if (agentId.equals(item.get("id"))) {
                    return item;
                }
            }
            cursor = body.getString("nextCursor");
            if (cursor == null) {
                break;
            }
        }
        throw new AssertionError("agent " + agentId + " not on any page");
    }
}
