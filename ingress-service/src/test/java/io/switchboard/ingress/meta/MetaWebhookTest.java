package io.switchboard.ingress.meta;

import static io.restassured.RestAssured.given;
import static io.switchboard.ingress.Webhooks.postMeta;
import static io.switchboard.ingress.Webhooks.sign;
import static io.switchboard.ingress.Webhooks.uniqueWamid;
import static io.switchboard.ingress.Webhooks.whatsappText;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class MetaWebhookTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void handshakeEchoesTheChallengeOnlyForTheRightToken() {
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/meta")
                .then().statusCode(200).contentType(containsString("text/plain")).body(equalTo("1158201444"));
        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "second-verify-token")
                .queryParam("hub.challenge", "42")
                .when().get("/webhooks/whatsapp/second")
                .then().statusCode(200).body(equalTo("42"));

        given().queryParam("hub.mode", "subscribe").queryParam("hub.verify_token", "wrong")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/meta").then().statusCode(403);
        given().queryParam("hub.mode", "unsubscribe").queryParam("hub.verify_token", "test-verify-token")
                .queryParam("hub.challenge", "1158201444")
                .when().get("/webhooks/meta").then().statusCode(403);
    }

    @Test
    void signedTextIsKeptRawThenPublishedOnceAsMessageReceived() {
        String wamid = uniqueWamid();
        byte[] body = whatsappText(wamid, "16505550001", "hello");

        postMeta(body).then().statusCode(200);

        // Acknowledged means kept: the raw record is already there, byte for byte.
        ConsumerRecord<String, byte[]> raw = kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1,
                r -> Arrays.equals(r.value(), body), SETTLE).get(0);
        assertThat(raw.key()).isEqualTo("whatsapp:102290129340398");
        assertThat(header(raw, "ce_type")).isEqualTo("switchboard.webhook.received");
        assertThat(header(raw, "sb_channel")).isEqualTo("whatsapp");
        assertThat(header(raw, "sb_signature")).isEqualTo(sign(body));

        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.INBOUND, "wa:" + wamid);
        assertThat(record.key()).isEqualTo("wa:" + Webhooks.PHONE_NUMBER_ID + ":16505550001");
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("switchboard.message.received");
        assertThat(header(record, "ce_subject")).isEqualTo(record.key());
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        MessageReceived event = (MessageReceived) CloudEventCodec.read(record.headers(), record.value());
        assertThat(event.content().type()).isEqualTo(MessageType.TEXT);
        assertThat(event.content().text()).isEqualTo("hello");
        assertThat(event.customer().identities()).containsEntry("wa_id", "16505550001");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1749416383));
        assertThat(event.raw().topic()).isEqualTo(Topics.RAW_WEBHOOKS);
        assertThat(event.raw().offset()).isEqualTo(raw.offset());
    }

    @Test
    void aNamedAppVerifiesWithItsOwnSecret() {
        String wamid = uniqueWamid();
        byte[] body = whatsappText(wamid, "16505550002", "hi");
        String secondSignature = "sha256=" + io.switchboard.ingress.webhook.Signatures.hmacSha256Hex("second_app_secret", body);

        postMeta("/webhooks/meta/second", body, sign(body)).then().statusCode(403);
        postMeta("/webhooks/meta/second", body, secondSignature).then().statusCode(200);
        postMeta("/webhooks/meta/nobody", body, secondSignature).then().statusCode(404);

        awaitEvent(Topics.INBOUND, "wa:" + wamid);
    }

    @Test
    void missingSignatureIs401AndWrongSignatureIs403AndNothingIsProduced() {
        String wamid = uniqueWamid();
        byte[] body = whatsappText(wamid, "16505550003", "forged");

        postMeta("/webhooks/meta", body, null).then().statusCode(401)
                .body("error", equalTo("missing_signature")).body("message", containsString("X-Hub-Signature-256"));
        postMeta("/webhooks/meta", body, "sha256=" + "0".repeat(64)).then().statusCode(403);
        postMeta("/webhooks/meta", body, "sha1=abc").then().statusCode(403);
        byte[] tampered = whatsappText(wamid, "16505550003", "forgeD");
        postMeta("/webhooks/meta", tampered, sign(body)).then().statusCode(403);

        assertNothingReachedRawTopic(wamid);
    }

    @Test
    void malformedJsonIsRefusedWithTheReason() {
        byte[] body = "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":".getBytes(StandardCharsets.UTF_8);
        postMeta(body).then().statusCode(400).body("message", containsString("malformed JSON"));

        byte[] notAnObject = "[1,2,3]".getBytes(StandardCharsets.UTF_8);
        postMeta(notAnObject).then().statusCode(400).body("message", containsString("not a JSON object"));
    }

    @Test
    void bodyOverTheLimitIs413() {
        byte[] body = new byte[1024 * 1024 + 10];
        Arrays.fill(body, (byte) ' ');
        postMeta(body).then().statusCode(413);
    }

    @Test
    void wellSignedUnknownMetaObjectsAndFieldsAreAcceptedAndKeptRawOnly() {
        String marker = uniqueWamid();
        byte[] unknownObject = ("{\"object\":\"user\",\"entry\":[{\"id\":\"" + marker + "\",\"changes\":[]}]}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] unknownField = ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"" + marker
                + "\",\"changes\":[{\"field\":\"account_update\",\"value\":{\"event\":\"VERIFIED_ACCOUNT\"}}]}]}")
                .getBytes(StandardCharsets.UTF_8);

        postMeta(unknownObject).then().statusCode(200);
        postMeta(unknownField).then().statusCode(200);

        assertThat(kafka.awaitRecords(Topics.RAW_WEBHOOKS, 2, r -> KafkaTestClient.text(r).contains(marker), SETTLE))
                .extracting(r -> header(r, "sb_channel")).containsExactlyInAnyOrder("meta", "whatsapp");
        // A message posted after them reaches the same pipeline; by then they would have been dead-lettered.
        String sentinel = uniqueWamid();
        postMeta(whatsappText(sentinel, "16505550004", "after")).then().statusCode(200);
        awaitEvent(Topics.INBOUND, "wa:" + sentinel);
        assertThat(kafka.readAll(Topics.INGRESS_DEAD_LETTER)).extracting(KafkaTestClient::text)
                .noneMatch(text -> text.contains(marker));
    }

    @Test
    void metricsCountWebhooksByChannelAndOutcomeAndTimeTheAcknowledgement() {
        byte[] body = whatsappText(uniqueWamid(), "16505550005", "counted");
        postMeta(body).then().statusCode(200);
        postMeta("/webhooks/meta", body, null).then().statusCode(401);

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern("switchboard_ingress_webhooks_total\\{[^}]*channel=\"whatsapp\"[^}]*outcome=\"accepted\"")
                .containsPattern("switchboard_ingress_webhooks_total\\{[^}]*channel=\"meta\"[^}]*outcome=\"unsigned\"")
                .contains("switchboard_ingress_ack_seconds_bucket")
                .contains("switchboard_ingress_events_total");
    }

    @Test
    void theWebhooksTraceContinuesOnTheRawAndTheNormalizedRecord() {
        String traceId = UUID.randomUUID().toString().replace("-", "");
        String wamid = uniqueWamid();
        byte[] body = whatsappText(wamid, "16505550006", "traced");

        given().contentType("application/json").body(body).header("X-Hub-Signature-256", sign(body))
                .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .post("/webhooks/meta").then().statusCode(200);

        ConsumerRecord<String, byte[]> raw = kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1,
                r -> Arrays.equals(r.value(), body), SETTLE).get(0);
        assertThat(traceIdOf(raw)).isEqualTo(traceId);
        ConsumerRecord<String, byte[]> inbound = awaitEvent(Topics.INBOUND, "wa:" + wamid);
        assertThat(traceIdOf(inbound)).isEqualTo(traceId);
        // The trace context is added to the CloudEvent headers, not in place of them.
        assertThat(header(inbound, "ce_type")).isEqualTo("switchboard.message.received");
        assertThat(header(inbound, "ce_id")).isEqualTo("wa:" + wamid);
    }

    /** The trace id of a record's W3C {@code traceparent} header ({@code 00-<trace id>-<span id>-<flags>}). */
    private static String traceIdOf(ConsumerRecord<String, byte[]> record) {
        String traceparent = header(record, "traceparent");
        assertThat(traceparent).as("traceparent of %s", record.topic()).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]");
        return traceparent.split("-")[1];
    }

    @Test
    void openApiDescribesTheWebhooks() {
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains("/webhooks/{product}", "/webhooks/custom/{sourceId}");
    }

    private void assertNothingReachedRawTopic(String marker) {
        String sentinel = uniqueWamid();
        postMeta(whatsappText(sentinel, "16505550099", "sentinel")).then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> raw = kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1,
                r -> KafkaTestClient.text(r).contains(sentinel) || KafkaTestClient.text(r).contains(marker), SETTLE);
        assertThat(raw).extracting(KafkaTestClient::text).allMatch(text -> text.contains(sentinel));
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String topic, String eventId) {
        List<ConsumerRecord<String, byte[]>> records = kafka.awaitRecords(topic, 1,
                r -> eventId.equals(header(r, "ce_id")), SETTLE);
        return records.get(0);
    }
}
