package io.switchboard.ingress.custom;

import static io.switchboard.ingress.Webhooks.postCustom;
import static io.switchboard.ingress.Webhooks.signCustom;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * docs/custom-source.md §2.3 and §5.1 against the running service and the real broker: the signature covers the
 * Idempotency-Key, a repeated request is answered as the first time and stores nothing, another body under a used
 * key is refused, also once this replica's memory of it is gone (the normalization's ledger answers), and a source
 * over its rate hears 429 with Retry-After.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class CustomSourceReplayTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theSignatureCoversTheIdempotencyKey() {
        String id = UUID.randomUUID().toString();
        String body = CustomSourceInputTest.message(id, "conv-" + id, "hello");
        String now = Long.toString(System.currentTimeMillis() / 1000);

        postCustom(body, "other-" + id, now, signCustom(now, "key-" + id, body)).then().statusCode(403)
                .body("error", equalTo("invalid_signature"));
        postCustom(body, "key-" + id, now, signCustom(now, "key-" + id, body)).then().statusCode(202);
    }

    @Test
    void theSameSignedRequestAgainIsAnsweredAsTheFirstTimeAndStoresNothing() {
        String id = UUID.randomUUID().toString();
        String key = "req-" + id;
        String body = "{\"events\":[" + CustomSourceInputTest.message("a-" + id, "conv-" + id, "one") + ","
                + CustomSourceInputTest.message("b-" + id, "conv-" + id, "two") + "]}";
        String now = Long.toString(System.currentTimeMillis() / 1000);
        String signature = signCustom(now, key, body);

        String first = postCustom(body, key, now, signature).then().statusCode(202).extract().asString();
        String replay = postCustom(body, key, now, signature).then().statusCode(202).extract().asString();
        // A retry as the protocol asks: same body and key, fresh timestamp and signature.
        String retry = postCustom(body, key).then().statusCode(202).extract().asString();

        assertThat(replay).isEqualTo(first);
        assertThat(retry).isEqualTo(first).contains("\"accepted\":2");
        assertStoredOnce(key);
        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("custom:acme:b-" + id).equals(header(r, "ce_id")), SETTLE);
        assertThat(kafka.readAll(Topics.INBOUND)).filteredOn(r -> ("custom:acme:a-" + id).equals(header(r, "ce_id")))
                .hasSize(1);
    }

    @Test
    void aUsedKeyWithAnotherBodyIsRefused409AndNothingOfItIsStored() {
        String id = UUID.randomUUID().toString();
        String key = "req-" + id;
        postCustom(CustomSourceInputTest.message("a-" + id, "conv-" + id, "one"), key).then().statusCode(202);

        postCustom(CustomSourceInputTest.message("b-" + id, "conv-" + id, "another"), key).then().statusCode(409)
                .body("error", equalTo("idempotency_key_reused"))
                .body("message", containsString("used before with another body"));

        assertStoredOnce(key);
        assertThat(kafka.readAll(Topics.RAW_WEBHOOKS)).extracting(KafkaTestClient::text)
                .noneMatch(text -> text.contains("\"b-" + id + "\""));
    }

    @Test
    void onceThisReplicaForgotARequestTheNormalizationsLedgerStillAnswersIt() throws InterruptedException {
        String id = UUID.randomUUID().toString();
        String key = "req-" + id;
        String body = CustomSourceInputTest.message("a-" + id, "conv-" + id, "one");
        postCustom(body, key).then().statusCode(202);
        // Normalized: the ledger has it. The test profile keeps requests in memory for 2 s only.
        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("custom:acme:a-" + id).equals(header(r, "ce_id")), SETTLE);
        Thread.sleep(2_500);

        postCustom(body, key).then().statusCode(202).body("accepted", equalTo(1))
                .body("idempotencyKey", equalTo(key));
        postCustom(CustomSourceInputTest.message("b-" + id, "conv-" + id, "two"), key).then().statusCode(409)
                .body("error", equalTo("idempotency_key_reused"));

        assertStoredOnce(key);
    }

    @Test
    void aSourceOverItsRateIsAnswered429WithRetryAfterAndBadSignaturesDoNotCount() {
        String id = UUID.randomUUID().toString();
        String source = "throttled";
        String secret = "throttled-secret";
        for (int i = 0; i < 3; i++) {
            Webhooks.postCustomTo(source, "wrong-secret", bytes(CustomSourceInputTest.message("x" + i + id, "c", "x")),
                    "bad-" + i + id).then().statusCode(403);
        }
        // Burst 2, then one request per 5 s (application.properties, %test).
        for (int i = 0; i < 2; i++) {
            Webhooks.postCustomTo(source, secret, bytes(CustomSourceInputTest.message("ok" + i + id, "c", "x")),
                    "ok-" + i + id).then().statusCode(202);
        }
        Response limited = Webhooks.postCustomTo(source, secret,
                bytes(CustomSourceInputTest.message("over" + id, "c", "x")), "over-" + id);

        limited.then().statusCode(429).body("error", equalTo("rate_limited"));
        assertThat(Long.parseLong(limited.header("Retry-After"))).isBetween(1L, 5L);
    }

    /** Exactly one raw record carries the key, seen after a later request's record. */
    private void assertStoredOnce(String key) {
        String sentinel = UUID.randomUUID().toString();
        postCustom(CustomSourceInputTest.message(sentinel, "conv-" + sentinel, "sentinel"), "s-" + sentinel)
                .then().statusCode(202);
        kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1, r -> ("s-" + sentinel).equals(header(r, "sb_idempotency_key")),
                SETTLE);
        assertThat(kafka.readAll(Topics.RAW_WEBHOOKS)).filteredOn(r -> key.equals(header(r, "sb_idempotency_key")))
                .hasSize(1);
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }
}
