package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureCompleted;
import io.switchboard.events.ErasureRequested;
import io.switchboard.events.Topics;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * {@code POST /admin/erasures}: agent-service's own rows of the customer (both conversations, their transcript, feed
 * items and offers) go in the request's transaction, another customer's stay, and the request is published; the
 * status turns done when routing and outbound answer, and the stored identities become pseudonyms. The same
 * identities while pending answer that erasure; after it is done they are a new erasure that removes nothing.
 */
@QuarkusTest
class ErasureTest {

    private static final String SOURCE = "/switchboard/erasure-test";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void erasesTheCustomerHereAtOnceAndIsDoneWhenEveryServiceAnswered() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String customer = "1650" + Math.abs(run.hashCode());
        List<String> erased = List.of("wa:106540352242922:" + customer, "wa:113269274970227:" + customer);
        List<String> kept = List.of("wa:106540352242922:" + customer + "1", "ig:17841405726653026:" + customer);
        String body = "{\"identities\": [{\"channel\": \"whatsapp\", \"id\": \"" + customer + "\"}]}";
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            for (String key : List.of(erased.get(0), erased.get(1), kept.get(0), kept.get(1))) {
                conversation(sql, key);
            }

            ExtractableResponse<Response> accepted = post(Roles.ADMIN, body).statusCode(202)
                    .body("status", equalTo("pending")).body("identities", equalTo(1)).extract();
            String erasureId = accepted.path("erasureId");
            assertThat(accepted.header("Location")).endsWith("/admin/erasures/" + erasureId);
            assertThat(accepted.<Map<String, Object>>path("services.find { it.service == 'agent-service' }"))
                    .containsEntry("status", "done").containsEntry("removed",
                            Map.of("feed", 2, "transcript", 2, "offers", 2, "notes", 2, "conversation_tags", 2,
                                    "episodes", 2, "customers", 2, "conversations", 2, "idempotency_keys", 0));
            assertThat(accepted.<List<String>>path("services.findAll { it.status == 'pending' }.service"))
                    .containsExactly("outbound-service", "routing-service");
            for (String key : erased) {
                assertThat(count(sql, key)).as("rows of %s", key).isZero();
            }
            for (String key : kept) {
                assertThat(count(sql, key)).as("rows of %s", key).isEqualTo(8);
            }

            ErasureRequested published = (ErasureRequested) read(kafka.awaitRecords(Topics.ERASURES, 1,
                    record -> erasureId.equals(record.key())).get(0));
            assertThat(published.identities()).containsExactly(new ErasureRequested.Identity(Channel.WHATSAPP,
                    customer));
            assertThat(published.requestedBy()).isEqualTo("erasure-admin");

            // The same identities while pending (by an integration this time): that erasure.
            post(Roles.INTEGRATION, body).statusCode(202).body("erasureId", equalTo(erasureId));

            answer(erasureId, "routing-service", Map.of("conversations", 2L, "offers", 1L, "held_messages", 1L));
            answer(erasureId, "outbound-service", Map.of("deliveries", 3L));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> status(erasureId).statusCode(200)
                    .body("status", equalTo("done")));
            status(erasureId).body("services.find { it.service == 'routing-service' }.removed.offers", equalTo(1))
                    .body("services.findAll { it.status == 'done' }.size()", equalTo(3))
                    .body("skipped.'ingress-service'", org.hamcrest.Matchers.notNullValue());
            try (ResultSet row = sql.executeQuery("SELECT identities, fingerprint FROM agent.erasures"
                    + " WHERE erasure_id = '" + erasureId + "'")) {
                row.next();
                assertThat(row.getString("identities")).doesNotContain(customer).contains("whatsapp");
                assertThat(row.getString("fingerprint")).isNull();
            }

            // Done: the same identities again are a new erasure, which finds nothing left here.
            ExtractableResponse<Response> again = post(Roles.ADMIN, body).statusCode(202).extract();
            assertThat(again.<String>path("erasureId")).isNotEqualTo(erasureId);
            assertThat(again.<Map<String, Object>>path("services.find { it.service == 'agent-service' }.removed"))
                    .isEqualTo(Map.of("feed", 0, "transcript", 0, "offers", 0, "notes", 0, "conversation_tags", 0,
                            "episodes", 0, "customers", 0, "conversations", 0, "idempotency_keys", 0));
            for (String key : kept) {
                assertThat(count(sql, key)).as("rows of %s", key).isEqualTo(8);
            }
        }
    }

    @Test
    void anUnknownErasureIsNotFoundAndARequestWithoutIdentitiesIsRefused() {
        status(UUID.randomUUID().toString()).statusCode(404).body("error", equalTo("no_such_erasure"));
        post(Roles.ADMIN, "{\"identities\": []}").statusCode(400);
        post(Roles.ADMIN, "{\"identities\": [{\"id\": \"" + "9".repeat(300) + "\"}]}").statusCode(400);
        post(Roles.ADMIN, "{\"identities\": [{\"channel\": \"pigeon\", \"id\": \"1\"}]}").statusCode(400);
    }

    private void answer(String erasureId, String service, Map<String, Long> removed) {
        kafka.produce(CloudEventCodec.toRecord(new ErasureCompleted(erasureId, service, removed, Instant.now()),
                SOURCE));
    }

    private static io.restassured.response.ValidatableResponse post(String role, String body) {
        return given().auth().oauth2(TestTokens.mint("erasure-" + role, role)).contentType(ContentType.JSON)
                .body(body).post("/admin/erasures").then();
    }

    private static io.restassured.response.ValidatableResponse status(String erasureId) {
        return given().auth().oauth2(TestTokens.mint("erasure-admin", Roles.ADMIN))
                .get("/admin/erasures/" + erasureId).then();
    }

    private static io.switchboard.events.SwitchboardEvent read(ConsumerRecord<String, byte[]> record) {
        return CloudEventCodec.read(record.headers(), record.value());
    }

    /**
     * An open conversation of {@code key} with a transcript entry, a feed item, an offer, the customer's profile
     * (name and phone), the episode, an internal note and tags.
     */
    private static void conversation(Statement sql, String key) throws Exception {
        String id = UUID.randomUUID().toString();
        sql.execute("INSERT INTO agent.conversations (conversationKey, conversationId, open, channel,"
                + " channelAccountId, updatedAt) VALUES ('" + key + "', 'c-" + id + "', true, 'WHATSAPP', '"
                + key.split(":")[1] + "', now())");
        sql.execute("INSERT INTO agent.transcript (conversationKey, eventId, direction, at, text) VALUES ('" + key
                + "', 'e-" + id + "', 'INBOUND', now(), 'my address is 1 Main St')");
        sql.execute("INSERT INTO agent.feed (agent_id, seq, at, type, payload, conversation_key) VALUES ('ava-" + id
                + "', 1, now(), 'message.received', '{}', '" + key + "')");
        sql.execute("INSERT INTO agent.offers (offerId, agentId, channel, channelAccountId, conversationId,"
                + " conversationKey, state, expiresAt) VALUES ('o-" + id + "', 'ava', 'WHATSAPP', '1', 'c-" + id
                + "', '" + key + "', 'EXPIRED', now())");
        sql.execute("INSERT INTO agent.customers (conversationKey, channel, channelAccountId, displayName, identities,"
                + " firstContactAt, lastContactAt) VALUES ('" + key + "', 'WHATSAPP', '1', 'Ana Pérez',"
                + " '{\"wa_id\": \"" + key.split(":")[2] + "\"}', now(), now())");
        sql.execute("INSERT INTO agent.episodes (conversationId, conversationKey, channel, openedAt) VALUES ('c-" + id
                + "', '" + key + "', 'WHATSAPP', now())");
        sql.execute("INSERT INTO agent.notes (eventId, conversationKey, conversationId, authorId, authorRole, text, at)"
                + " VALUES ('n-" + id + "', '" + key + "', 'c-" + id + "', 'ava', 'agent', 'lives at 1 Main St', now())");
        sql.execute("INSERT INTO agent.conversation_tags (conversationId, conversationKey, tags, updatedBy, updatedAt)"
                + " VALUES ('c-" + id + "', '" + key + "', '{\"tags\": [\"vip\"]}', 'ava', now())");
    }

    private static int count(Statement sql, String key) throws Exception {
        try (ResultSet rows = sql.executeQuery("SELECT"
                + " (SELECT count(*) FROM agent.conversations WHERE conversationKey = '" + key + "')"
                + " + (SELECT count(*) FROM agent.transcript WHERE conversationKey = '" + key + "')"
                + " + (SELECT count(*) FROM agent.feed WHERE conversation_key = '" + key + "')"
                + " + (SELECT count(*) FROM agent.offers WHERE conversationKey = '" + key + "')"
                + " + (SELECT count(*) FROM agent.customers WHERE conversationKey = '" + key + "')"
                + " + (SELECT count(*) FROM agent.episodes WHERE conversationKey = '" + key + "')"
                + " + (SELECT count(*) FROM agent.notes WHERE conversationKey = '" + key + "')"
                + " + (SELECT count(*) FROM agent.conversation_tags WHERE conversationKey = '" + key + "')")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
