package io.switchboard.ingress.replay;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;

/**
 * The replay against the running service and the real broker: a webhook the normalizer dead-lettered before a fix is
 * published exactly once by a replay after it, one already published is not published again, one that still fails
 * is counted and not put back, and the same replay again publishes nothing.
 */
@QuarkusTest
@TestProfile(ReplayTest.WithANormalizerBug.class)
@QuarkusTestResource(KafkaResource.class)
class ReplayTest {

    static final String SOURCE = "replayed";
    static final String SECRET = "replayed-secret";
    static final Duration SETTLE = Duration.ofSeconds(60);

    public static class WithANormalizerBug implements QuarkusTestProfile {
        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(FixableNormalizers.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.ingress.custom.sources." + SOURCE + ".secret", SECRET);
        }
    }

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aReplayAfterTheFixPublishesWhatWasDeadLetteredOnceAndNothingTwice() {
        FixableNormalizers.fixed = false;
        String id = UUID.randomUUID().toString().substring(0, 8);
        Instant from = Instant.now().minusSeconds(5);
        // Given one message published, one dead-lettered by the bug, one the fix does not cure
        post("a-" + id, "fine");
        post("b-" + id, "needs the fix");
        post("c-" + id, "still broken");
        awaitEvent("a-" + id);
        List<ConsumerRecord<String, byte[]>> letters = kafka.awaitRecords(Topics.INGRESS_DEAD_LETTER, 2,
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("-" + id + "\""), SETTLE);
        assertThat(letters).allSatisfy(letter -> assertThat(header(letter, "sb_dlq_reason"))
                .contains("normalizer failed"));
        assertThat(events("b-" + id)).isEmpty();

        // When the fix is deployed and the range is replayed with its dead letters
        FixableNormalizers.fixed = true;
        JsonPath first = replay(from, Instant.now());

        // Then the dead-lettered message is published once, the published one not again
        assertThat(first.getString("state")).isEqualTo("done");
        assertThat(first.getLong("read")).isEqualTo(3);
        assertThat(first.getLong("republished")).isEqualTo(1);
        assertThat(first.getLong("skippedAsDuplicates")).isEqualTo(1);
        assertThat(first.getLong("eventsNew")).isEqualTo(1);
        assertThat(first.getLong("eventsAlreadyPublished")).isEqualTo(1);
        assertThat(first.getLong("deadLettersCovered")).isEqualTo(2);
        assertThat(first.getLong("replayCopies")).isZero();
        assertThat(first.<String, Integer>getMap("stillFailing"))
                .isEqualTo(Map.of("normalizer failed: java.lang.IllegalStateException", 1));
        awaitEvent("b-" + id);

        // When the same range is replayed again (it now holds the first replay's copy)
        JsonPath second = replay(from, Instant.now());

        // Then nothing is put back, and every event is on the inbound topic once
        assertThat(second.getLong("read")).isEqualTo(3);
        assertThat(second.getLong("republished")).isZero();
        assertThat(second.getLong("skippedAsDuplicates")).isEqualTo(2);
        assertThat(second.getLong("replayCopies")).isEqualTo(1);
        assertThat(second.getLong("eventsNew")).isZero();
        assertThat(second.<String, Integer>getMap("stillFailing"))
                .isEqualTo(Map.of("normalizer failed: java.lang.IllegalStateException", 1));
        sleep(Duration.ofSeconds(3));
        assertThat(events("a-" + id)).hasSize(1);
        assertThat(events("b-" + id)).hasSize(1);
        assertThat(events("c-" + id)).isEmpty();
    }

    @Test
    void rangesItCannotReplaySafelyAreRefused() {
        Instant now = Instant.now();
        start(Map.of("from", now.minus(Duration.ofDays(9)).toString(), "to", now.toString())).then()
                .statusCode(400).body("error", equalTo("beyond_dedupe_horizon"));
        start(Map.of("from", now.minus(Duration.ofDays(31)).toString(), "to", now.toString())).then()
                .statusCode(400).body("error", equalTo("range_too_long"));
        start(Map.of("from", now.toString(), "to", now.minusSeconds(60).toString())).then()
                .statusCode(400).body("error", equalTo("invalid_range"));
        start(Map.of("from", now.minusSeconds(60).toString(), "to", now.toString(), "channel", "fax")).then()
                .statusCode(400).body("error", equalTo("unknown_channel"));
        start(Map.of("to", now.toString())).then().statusCode(400);
        given().auth().oauth2(TestTokens.admin()).get("/admin/replays/nope").then().statusCode(404)
                .body("error", equalTo("no_such_replay"));
        given().auth().oauth2(TestTokens.supervisor()).contentType(ContentType.JSON)
                .body(Map.of("from", now.minusSeconds(60).toString(), "to", now.toString()))
                .post("/admin/replays").then().statusCode(403);
    }

    private static void post(String eventId, String text) {
        String body = "{\"event_id\":\"" + eventId + "\",\"type\":\"message\",\"occurred_at\":\"2026-12-04T10:00:00Z\","
                + "\"conversation\":{\"external_id\":\"conv-" + eventId + "\"},\"user\":{\"external_id\":\"cust-1\"},"
                + "\"message\":{\"external_id\":\"msg-" + eventId + "\",\"text\":\"" + text + "\"}}";
        Webhooks.postCustomTo(SOURCE, SECRET, body.getBytes(StandardCharsets.UTF_8), "key-" + eventId).then()
                .statusCode(202);
    }

    private void awaitEvent(String eventId) {
        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("custom:" + SOURCE + ":" + eventId).equals(header(r, "ce_id")),
                SETTLE);
    }

    private List<ConsumerRecord<String, byte[]>> events(String eventId) {
        return kafka.readAll(Topics.INBOUND).stream()
                .filter(r -> ("custom:" + SOURCE + ":" + eventId).equals(header(r, "ce_id"))).toList();
    }

    private static io.restassured.response.Response start(Map<String, String> body) {
        return given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/admin/replays");
    }

    /** Starts a replay of this source with its dead letters and waits until it is no longer running. */
    private static JsonPath replay(Instant from, Instant to) {
        Map<String, Object> body = new HashMap<>(Map.of("from", from.toString(), "to", to.toString(),
                "channel", "custom", "account", SOURCE, "includeDeadLetters", true));
        String location = given().auth().oauth2(TestTokens.admin()).contentType(ContentType.JSON).body(body)
                .post("/admin/replays").then().statusCode(202).body("state", equalTo("running"))
                .extract().header("Location");
        String path = location.substring(location.indexOf("/admin/replays/"));
        Awaitility.await().atMost(SETTLE).until(() -> !"running".equals(given().auth().oauth2(TestTokens.admin())
                .get(path).then().statusCode(200).extract().path("state")));
        return given().auth().oauth2(TestTokens.admin()).get(path).then().statusCode(200).extract().jsonPath();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
