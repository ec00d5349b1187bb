package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.AgentPresence;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;

@QuarkusTest
class DirectoryTest {

    static String newAgentId() {
        return "agent-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static Map<String, Object> profile(String id) {
        return Map.of("id", id, "displayName", "Ana Pérez", "languages", List.of("es", "en-US"),
                "skills", List.of(Map.of("skill", "billing", "proficiency", 4), Map.of("skill", "returns",
                        "proficiency", 2)),
                "capacity", Map.of("whatsapp", 3, "messenger", 2));
    }

    static void create(String id) {
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).body(profile(id))
                .post("/agents").then().statusCode(201);
    }

    /** The agent's published state with this version, waiting for the relay. */
    static AgentStateChanged published(String id, long version) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            ConsumerRecord<String, byte[]> record = kafka.awaitRecords(Topics.AGENTS, 1,
                    r -> id.equals(r.key()) && (id + ":" + version).equals(header(r, CloudEventCodec.HEADER_ID)))
                    .get(0);
            assertThat(header(record, CloudEventCodec.HEADER_TYPE)).isEqualTo("switchboard.agent.state-changed");
            assertThat(header(record, CloudEventCodec.HEADER_SUBJECT)).isEqualTo(id);
            return (AgentStateChanged) CloudEventCodec.read(record.headers(), record.value());
        }
    }

    @Test
    void createdAgentIsPublishedWholeOnTheAgentsTopic() {
        String id = newAgentId();

        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).body(profile(id))
                .post("/agents")
                .then().statusCode(201)
                .header("Location", containsString("/agents/" + id))
                .body("id", equalTo(id), "presence", equalTo("offline"), "version", equalTo(1),
                        "skills.skill", hasItem("billing"), "capacity.whatsapp", equalTo(3));

        AgentStateChanged state = published(id, 1);
        assertThat(state.agentId()).isEqualTo(id);
        assertThat(state.displayName()).isEqualTo("Ana Pérez");
        assertThat(state.languages()).containsExactly("es", "en-US");
        assertThat(state.skills()).containsExactly(new AgentStateChanged.Skill("billing", 4),
                new AgentStateChanged.Skill("returns", 2));
        assertThat(state.capacity()).isEqualTo(Map.of("whatsapp", 3, "messenger", 2));
        assertThat(state.presence()).isEqualTo(AgentPresence.OFFLINE);
        assertThat(state.presenceSince()).isNotNull();
        assertThat(state.active()).isTrue();
        assertThat(state.version()).isEqualTo(1);
        assertThat(state.eventId()).isEqualTo(id + ":1");
    }

    @Test
    void updateAndRemovalArePublishedWithIncreasingVersions() {
        String id = newAgentId();
        create(id);

        given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "Ana P.", "languages", List.of("es"),
                        "skills", List.of(Map.of("skill", "billing", "proficiency", 5)),
                        "capacity", Map.of("instagram", 1)))
                .put("/agents/" + id)
                .then().statusCode(200).body("version", equalTo(2), "displayName", equalTo("Ana P."));
        given().auth().oauth2(TestTokens.supervisor()).delete("/agents/" + id).then().statusCode(204);

        AgentStateChanged updated = published(id, 2);
        assertThat(updated.skills()).containsExactly(new AgentStateChanged.Skill("billing", 5));
        assertThat(updated.capacity()).isEqualTo(Map.of("instagram", 1));
        AgentStateChanged removed = published(id, 3);
        assertThat(removed.active()).isFalse();
        given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + id)
                .then().statusCode(200).body("active", equalTo(false));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).body(Map.of("displayName", "X", "languages", List.of("en"), "skills", List.of(),
                        "capacity", Map.of()))
                .put("/agents/" + id).then().statusCode(404).body("error", equalTo("unknown_agent"));
    }

    @Test
    void invalidProfilesAreRefusedWithTheReason() {
        String id = newAgentId();
        Map<String, Object> badProficiency = Map.of("id", id, "displayName", "X", "languages", List.of("en"),
                "skills", List.of(Map.of("skill", "billing", "proficiency", 6)), "capacity", Map.of("whatsapp", 1));

        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).body(badProficiency)
                .post("/agents")
                .then().statusCode(400).body(containsString("proficiency"));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", " ", "languages", List.of("en"), "skills", List.of(),
                        "capacity", Map.of()))
                .post("/agents").then().statusCode(400).body(containsString("displayName"));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "languages", List.of("en"), "skills", List.of(),
                        "capacity", Map.of("pigeon", 2)))
                .post("/agents").then().statusCode(400).body("error", equalTo("unknown_channel"));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("displayName", "X", "languages", List.of("en"), "skills",
                        List.of(Map.of("skill", "a", "proficiency", 1), Map.of("skill", "a", "proficiency", 2)),
                        "capacity", Map.of()))
                .post("/agents").then().statusCode(400).body("error", equalTo("duplicate_skill"));
        given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + id)
                .then().statusCode(404).body("error", equalTo("unknown_agent"));

        create(id);
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).body(profile(id))
                .post("/agents").then().statusCode(409).body("error", equalTo("agent_exists"));
    }

    /** PUTs {@code writers} profiles of the agent at once, each with its own display name; their statuses. */
    private static List<Integer> concurrentUpdates(String id, int writers, String ifMatch) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                Map<String, Object> profile = new HashMap<>(profile(id));
                profile.put("displayName", "writer " + i);
                statuses.add(pool.submit(() -> {
                    start.await();
                    var request = given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON);
                    if (ifMatch != null) {
                        request.header("If-Match", ifMatch);
                    }
                    return request.body(profile).put("/agents/" + id).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> answers = new ArrayList<>();
            for (Future<Integer> status : statuses) {
                answers.add(status.get(30, TimeUnit.SECONDS));
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void concurrentUpdatesOfOneVersionLetOneWinAndRefuseTheRestWith409() throws Exception {
        String id = newAgentId();
        create(id);

        assertThat(concurrentUpdates(id, 8, "\"1\"")).containsOnly(200, 409).containsOnlyOnce(200);

        String winner = given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + id).then().statusCode(200)
                .body("version", equalTo(2)).extract().path("displayName");
        assertThat(published(id, 2).displayName()).isEqualTo(winner);
        // A supervisor who read version 1 learns why their change was refused.
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).header("If-Match", "1")
                .body(profile(id)).put("/agents/" + id)
                .then().statusCode(409).body("error", equalTo("version_conflict"),
                        "message", containsString("version 2, not 1"));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON).header("If-Match", "two")
                .body(profile(id)).put("/agents/" + id).then().statusCode(400).body("error", equalTo("bad_if_match"));
    }

    @Test
    void concurrentUpdatesWithoutIfMatchNeverLoseOne() throws Exception {
        String id = newAgentId();
        create(id);

        List<Integer> statuses = concurrentUpdates(id, 8, null);

        // Each accepted write got a version of its own; the others were refused, none silently overwritten.
        assertThat(statuses).containsOnly(200, 409);
        long accepted = statuses.stream().filter(status -> status == 200).count();
        given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + id).then().statusCode(200)
                .body("version", equalTo((int) (1 + accepted)));
    }
}
