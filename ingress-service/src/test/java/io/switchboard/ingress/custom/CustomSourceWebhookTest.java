package io.switchboard.ingress.custom;

import static io.switchboard.ingress.Webhooks.postCustom;
import static io.switchboard.ingress.Webhooks.signCustom;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class CustomSourceWebhookTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    /** Configured in application.properties (%test): a source id long enough that its keys can outgrow 255. */
    private static final String LONG_SOURCE = "a-source-whose-id-is-long-enough-to-overflow-a-conversation-key";
    private static final String LONG_SECRET = "long-source-secret";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aSignedEventIsAcceptedWith202AndPublished() {
        String id = UUID.randomUUID().toString();
        postCustom(message(id, "conv-" + id, "Where is my order?"), "req-" + id)
                .then().statusCode(202).body("accepted", equalTo(1)).body("idempotencyKey", equalTo("req-" + id));

        ConsumerRecord<String, byte[]> record = kafka.awaitRecords(Topics.INBOUND, 1,
                r -> ("custom:acme:" + id).equals(header(r, "ce_id")), SETTLE).get(0);
        assertThat(record.key()).isEqualTo("custom:acme:conv-" + id);
        MessageReceived event = (MessageReceived) CloudEventCodec.read(record.headers(), record.value());
        assertThat(event.content().text()).isEqualTo("Where is my order?");
        assertThat(event.customer().externalUserId()).isEqualTo("user-1");
    }

    @Test
    void aBatchIsAcceptedWholeAndARetriedEventIsPublishedOnce() {
        String id = UUID.randomUUID().toString();
        String status = "{\"event_id\":\"s-" + id + "\",\"type\":\"status\",\"occurred_at\":\"2026-11-25T10:00:01Z\","
                + "\"conversation\":{\"external_id\":\"conv-" + id + "\"},"
                + "\"status\":{\"message_external_id\":\"out-1\",\"state\":\"delivered\"}}";
        String batch = "{\"events\":[" + message("m-" + id, "conv-" + id, "one") + "," + status + "]}";

        postCustom(batch, "batch-" + id).then().statusCode(202).body("accepted", equalTo(2));
        postCustom(message("m-" + id, "conv-" + id, "one"), "retry-" + id).then().statusCode(202);
        postCustom(message("later-" + id, "conv-" + id, "two"), "later-" + id).then().statusCode(202);

        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("custom:acme:later-" + id).equals(header(r, "ce_id")), SETTLE);
        assertThat(kafka.readAll(Topics.INBOUND))
                .filteredOn(r -> ("custom:acme:m-" + id).equals(header(r, "ce_id"))).hasSize(1);
        ConsumerRecord<String, byte[]> receipt = kafka.awaitRecords(Topics.STATUS, 1,
                r -> ("custom:acme:s-" + id).equals(header(r, "ce_id")), SETTLE).get(0);
        DeliveryStatusChanged changed = (DeliveryStatusChanged) CloudEventCodec.read(receipt.headers(), receipt.value());
        assertThat(changed.status()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(changed.externalMessageId()).isEqualTo("out-1");
    }

    @Test
    void signatureProblemsAreRefusedAndNothingIsProduced() {
        String id = UUID.randomUUID().toString();
        String body = message(id, "conv-" + id, "hello");
        String now = Long.toString(System.currentTimeMillis() / 1000);
        String stale = Long.toString(System.currentTimeMillis() / 1000 - 301);

        postCustom(body, "k", null, null).then().statusCode(401);
        postCustom(body, "k", now, null).then().statusCode(401);
        postCustom(body, "k", now, "sha256=" + "1".repeat(64)).then().statusCode(403);
        postCustom(body, "k", now, signCustom(now, "k", body.replace("hello", "hellO"))).then().statusCode(403);
        // A captured request replayed later: the signature is right, the timestamp is not.
        postCustom(body, "k", stale, signCustom(stale, "k", body)).then().statusCode(401)
                .body("message", containsString("X-Timestamp"));
        postCustom(body, "k", "yesterday", signCustom("yesterday", "k", body)).then().statusCode(401);

        String sentinel = UUID.randomUUID().toString();
        postCustom(message(sentinel, "conv-" + sentinel, "sentinel"), "s-" + sentinel).then().statusCode(202);
        kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1, r -> KafkaTestClient.text(r).contains(sentinel), SETTLE);
        assertThat(kafka.readAll(Topics.RAW_WEBHOOKS)).extracting(KafkaTestClient::text)
                .noneMatch(text -> text.contains("\"" + id + "\""));
    }

    @Test
    void malformedOrInvalidBodiesAre400WithTheReason() {
        String id = UUID.randomUUID().toString();
        postCustom("{\"event_id\": \"x\",", "k-" + id).then().statusCode(400)
                .body("message", containsString("malformed JSON"));
        postCustom(message(id, "conv", "hi"), null).then().statusCode(400)
                .body("message", containsString("Idempotency-Key"));

        String noConversation = "{\"event_id\":\"" + id + "\",\"type\":\"message\",\"occurred_at\":\"2026-11-25T10:00:00Z\","
                + "\"user\":{\"external_id\":\"u\"},\"message\":{\"external_id\":\"m\",\"text\":\"hi\"}}";
        postCustom(noConversation, "k-" + id).then().statusCode(400)
                .body("message", containsString("schema"))
                .body("violations", hasItem(containsString("conversation")));

        String badDate = message(id, "conv", "hi").replace("2026-11-25T10:00:00Z", "last tuesday");
        postCustom(badDate, "k-" + id).then().statusCode(400)
                .body("violations", hasItem(containsString("occurred_at")));
        postCustom("{\"events\":[]}", "k-" + id).then().statusCode(400);
    }

    @Test
    void aNulOrAnIdTheContractCannotHoldIs400NamingTheFieldAndNothingIsProduced() {
        String id = UUID.randomUUID().toString();
        // JSON can escape U+0000 and the schema lets it pass; PostgreSQL downstream refuses it.
        postCustom(message(id, "conv-" + id, "zero\\u0000byte"), "nul-" + id).then().statusCode(400)
                .body("error", equalTo("input_out_of_bounds"))
                .body("violations", hasItem("message.text: contains a NUL character"));
        String batch = "{\"events\":[" + message("ok-" + id, "conv-" + id, "fine") + ","
                + message("nul-" + id, "conv-" + id, "fine").replace("\"Ada\"", "\"A\\u0000da\"") + "]}";
        postCustom(batch, "batch-" + id).then().statusCode(400)
                .body("violations", hasItem("events[1].user.display_name: contains a NUL character"));
        // 200 characters pass the schema, but the conversation key built from them and a long source id does not fit.
        String longConversation = id + "c".repeat(200 - id.length());
        postCustomTo(LONG_SOURCE, LONG_SECRET, message("long-" + id, longConversation, "hi"), "long-" + id)
                .then().statusCode(400)
                .body("error", equalTo("input_out_of_bounds"))
                .body("violations", hasItem(startsWith("conversation.external_id: makes the event's conversationKey "
                        + "longer than 255 characters")));

        String sentinel = UUID.randomUUID().toString();
        postCustom(message(sentinel, "conv-" + sentinel, "sentinel"), "s-" + sentinel).then().statusCode(202);
        kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1, r -> KafkaTestClient.text(r).contains(sentinel), SETTLE);
        assertThat(kafka.readAll(Topics.RAW_WEBHOOKS)).extracting(KafkaTestClient::text)
                .noneMatch(text -> text.contains(id));
    }

    @Test
    void unknownSourceIs404() {
        io.restassured.RestAssured.given().contentType("application/json").body("{}")
                .post("/webhooks/custom/nobody").then().statusCode(404);
    }

    private static io.restassured.response.Response postCustomTo(String source, String secret, String body,
            String idempotencyKey) {
        return Webhooks.postCustomTo(source, secret, body.getBytes(StandardCharsets.UTF_8), idempotencyKey);
    }

    private static String message(String eventId, String conversation, String text) {
        return "{\"event_id\":\"" + eventId + "\",\"type\":\"message\",\"occurred_at\":\"2026-11-25T10:00:00Z\","
                + "\"conversation\":{\"external_id\":\"" + conversation + "\"},"
                + "\"user\":{\"external_id\":\"user-1\",\"display_name\":\"Ada\"},"
                + "\"message\":{\"external_id\":\"msg-" + eventId + "\",\"text\":\"" + text + "\"}}";
    }

}
