package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

import org.awaitility.Awaitility;
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
class PresenceTest {

    static void setPresence(String id, String presence, String reason) {
        given().auth().oauth2(TestTokens.agent(id)).contentType(ContentType.JSON)
                .body(reason == null ? Map.of("presence", presence) : Map.of("presence", presence, "reason", reason))
                .put("/me/presence").then().statusCode(200);
    }

    static void heartbeat(String id) {
        given().auth().oauth2(TestTokens.agent(id)).post("/me/heartbeat").then().statusCode(204);
    }

    static String presenceOf(String id) {
        return given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + id).then().statusCode(200)
                .extract().path("presence");
    }

    /** Waits for a published state of the agent that matches. */
    static AgentStateChanged awaitPublished(String id, Predicate<AgentStateChanged> match) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            return (AgentStateChanged) kafka.awaitRecords(Topics.AGENTS, 1, r -> id.equals(r.key())
                    && match.test((AgentStateChanged) CloudEventCodec.read(r.headers(), r.value())))
                    .stream().map(r -> CloudEventCodec.read(r.headers(), r.value())).findFirst().orElseThrow();
        }
    }

    @Test
    void agentSetsAvailableAwayWithReasonAndOfflineEachPublished() {
        String id = DirectoryTest.newAgentId();
        DirectoryTest.create(id);

        given().auth().oauth2(TestTokens.agent(id)).contentType(ContentType.JSON).body(Map.of("presence", "available"))
                .put("/me/presence").then().statusCode(200).body("presence", equalTo("available"),
                        "version", equalTo(2));
        given().auth().oauth2(TestTokens.agent(id)).contentType(ContentType.JSON).body(Map.of("presence", "away"))
                .put("/me/presence").then().statusCode(400).body("error", equalTo("reason_required"));
        given().auth().oauth2(TestTokens.agent(id)).contentType(ContentType.JSON).body(Map.of("presence", "wrap_up"))
                .put("/me/presence").then().statusCode(400).body("error", equalTo("presence_not_settable"));
        given().auth().oauth2(TestTokens.agent(id)).contentType(ContentType.JSON).body(Map.of("presence", "sleepy"))
                .put("/me/presence").then().statusCode(400).body("error", equalTo("unknown_presence"));
        setPresence(id, "away", "break");
        given().auth().oauth2(TestTokens.agent(id)).contentType(ContentType.JSON).body(Map.of("presence", "offline"))
                .put("/me/presence").then().statusCode(200).body("presence", equalTo("offline"),
                        "awayReason", nullValue(), "version", equalTo(4));

        assertThat(DirectoryTest.published(id, 2).presence()).isEqualTo(AgentPresence.AVAILABLE);
        AgentStateChanged away = DirectoryTest.published(id, 3);
        assertThat(away.presence()).isEqualTo(AgentPresence.AWAY);
        assertThat(away.awayReason()).isEqualTo("break");
        assertThat(DirectoryTest.published(id, 4).presence()).isEqualTo(AgentPresence.OFFLINE);
    }

    @Test
    void heartbeatsKeepAnAgentOnlineAndTheirLossSetsThemOffline() throws InterruptedException {
        String id = DirectoryTest.newAgentId();
        DirectoryTest.create(id);
        setPresence(id, "available", null);

        // Longer than the grace period (3 s in tests), with heartbeats.
        for (int i = 0; i < 8; i++) {
            heartbeat(id);
            Thread.sleep(500);
        }
        assertThat(presenceOf(id)).isEqualTo("available");

        Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(presenceOf(id)).isEqualTo("offline"));
        AgentStateChanged offline = awaitPublished(id, s -> s.presence() == AgentPresence.OFFLINE && s.version() > 2);
        assertThat(offline.version()).isEqualTo(3);
    }

    @Test
    void aResolvedConversationStartsWrapUpThatEndsInAvailable() {
        String id = DirectoryTest.newAgentId();
        DirectoryTest.create(id);
        setPresence(id, "available", null);
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        try (Heartbeats live = Heartbeats.start(id)) {
            Routing.publish(Routing.assigned(key, conversationId, id));

            Routing.publish(Routing.resolved(key, conversationId, id));

            AgentStateChanged wrapUp = awaitPublished(id, s -> s.presence() == AgentPresence.WRAP_UP);
            assertThat(wrapUp.wrapUpUntil()).isNotNull();
            // WhatsApp's wrap-up is 1 s in tests.
            assertThat(Duration.between(wrapUp.presenceSince(), wrapUp.wrapUpUntil()))
                    .isEqualTo(Duration.ofSeconds(1));
            AgentStateChanged back = awaitPublished(id,
                    s -> s.presence() == AgentPresence.AVAILABLE && s.version() > wrapUp.version());
            assertThat(back.wrapUpUntil()).isNull();
        }
    }

    @Test
    void offersMissedInARowSetTheAgentAway() {
        String id = DirectoryTest.newAgentId();
        DirectoryTest.create(id);
        setPresence(id, "available", null);

        try (Heartbeats live = Heartbeats.start(id)) {
            // Two in a row in tests.
            Routing.publish(Routing.expired(Routing.conversationKey(), id));
            Routing.publish(Routing.expired(Routing.conversationKey(), id));

            AgentStateChanged away = awaitPublished(id, s -> s.presence() == AgentPresence.AWAY);
            assertThat(away.awayReason()).isEqualTo("missed_offers");
            given().auth().oauth2(TestTokens.supervisor()).get("/agents/" + id).then()
                    .body("presence", equalTo("away"), "awayReason", equalTo("missed_offers"));
        }
    }
}
