package io.switchboard.ingress.custom;

import static io.switchboard.ingress.Webhooks.postCustom;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * The body rules of docs/custom-source.md §2.4 and §3 against the running service and the real broker: the documented
 * 1 MiB is accepted and published, one byte more is 413; one JSON value, not too deep, each key once; strings of
 * Unicode scalar values without control characters; limits counted in code points.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class CustomSourceInputTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);
    private static final int MIB = 1_048_576;

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aBodyOfExactly1MiBIsAcceptedAndPublishedAndOneByteMoreIs413() {
        String id = UUID.randomUUID().toString();
        String event = message(id, "conv-" + id, "t".repeat(4000));
        // Whitespace after the value is JSON; the body is the documented maximum to the byte.
        byte[] body = (event + " ".repeat(MIB - event.length())).getBytes(StandardCharsets.UTF_8);
        assertThat(body).hasSize(MIB);

        Webhooks.postCustomTo(Webhooks.CUSTOM_SOURCE, Webhooks.CUSTOM_SECRET, body, "big-" + id).then()
                .statusCode(202);
        ConsumerRecord<String, byte[]> record = kafka.awaitRecords(Topics.INBOUND, 1,
                r -> ("custom:acme:" + id).equals(header(r, "ce_id")), SETTLE).get(0);
        assertThat(((MessageReceived) CloudEventCodec.read(record.headers(), record.value())).content().text())
                .hasSize(4000);

        byte[] over = (event + " ".repeat(MIB + 1 - event.length())).getBytes(StandardCharsets.UTF_8);
        Webhooks.postCustomTo(Webhooks.CUSTOM_SOURCE, Webhooks.CUSTOM_SECRET, over, "over-" + id).then()
                .statusCode(413).contentType(containsString("application/json"))
                .body("error", equalTo("payload_too_large"));
    }

    @Test
    void idsDifferingOnlyByUnpairedSurrogatesAreRefusedNotMerged() {
        String id = UUID.randomUUID().toString();
        for (String surrogate : new String[] {"\\ud800", "\\udfff"}) {
            postCustom(message(id + surrogate.substring(2), "conv-" + id + surrogate, "hi"), "s-" + surrogate + id)
                    .then().statusCode(400).body("error", equalTo("input_out_of_bounds"))
                    .body("violations", hasItem(containsString("conversation.external_id: contains an unpaired "
                            + "surrogate")));
        }
        // A surrogate pair is one character (U+1F600) and fine.
        postCustom(message("pair-" + id, "conv-" + id + "\\ud83d\\ude00", "hi"), "pair-" + id).then().statusCode(202);
        postCustom(message("q-" + id, "conv-" + id + "?", "hi"), "q-" + id).then().statusCode(202);
    }

    @Test
    void controlCharactersAreRefusedInIdsAndAllowedInTextOnlyAsTabAndLineBreaks() {
        String id = UUID.randomUUID().toString();
        postCustom(message("c-" + id, "conv\\u0001" + id, "hi"), "c-" + id).then().statusCode(400)
                .body("violations", hasItem(containsString("conversation.external_id: contains a control character "
                        + "(U+0001")));
        postCustom(message("t-" + id, "conv-" + id, "bell\\u0007"), "t-" + id).then().statusCode(400)
                .body("violations", hasItem(containsString("message.text: contains a control character (U+0007")));
        postCustom(message("ok-" + id, "conv-" + id, "line one\\nline two\\tand a tab"), "ok-" + id).then()
                .statusCode(202);
    }

    @Test
    void trailingGarbageDuplicateKeysAndDeepNestingAre400NeverA5xx() {
        String id = UUID.randomUUID().toString();
        String event = message(id, "conv-" + id, "hi");
        postCustom(event + "garbage", "g-" + id).then().statusCode(400).body("error", equalTo("malformed_json"));
        postCustom(event + "{}", "g2-" + id).then().statusCode(400).body("error", equalTo("malformed_json"));
        postCustom(event.replace("{\"event_id\"", "{\"type\":\"typing\",\"event_id\""), "d-" + id).then()
                .statusCode(400).body("error", equalTo("malformed_json"))
                .body("message", containsString("Duplicate field 'type'"));
        for (int depth : new int[] {17, 1_000, 100_000}) {
            String deep = "{\"events\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
            postCustom(deep, "deep-" + depth + id).then().statusCode(400).body("error", equalTo("malformed_json"))
                    .body("message", containsString("nesting depth"));
        }
    }

    @Test
    void limitsCountCodePointsSoAnEmojiIsOneCharacter() {
        String id = UUID.randomUUID().toString();
        String emoji = "\\ud83d\\ude00";
        postCustom(message(id, "conv-" + id, emoji.repeat(4096)), "e-" + id).then().statusCode(202);
        postCustom(message("x" + id, "conv-" + id, emoji.repeat(4097)), "e2-" + id).then().statusCode(400)
                .body("error", equalTo("validation_failed"));
    }

    @Test
    void anIdempotencyKeyIsVisibleAsciiOnly() {
        String id = UUID.randomUUID().toString();
        for (String key : new String[] {"with space " + id, "x".repeat(201)}) {
            postCustom(message(id, "conv-" + id, "hi"), key).then().statusCode(400)
                    .body("error", equalTo("malformed_request")).body("message", containsString("Idempotency-Key"));
        }
        postCustom(message(id, "conv-" + id, "hi"), "x".repeat(200 - id.length()) + id).then().statusCode(202);
    }

    static String message(String eventId, String conversation, String text) {
        return "{\"event_id\":\"" + eventId + "\",\"type\":\"message\",\"occurred_at\":\"2026-11-25T10:00:00Z\","
                + "\"conversation\":{\"external_id\":\"" + conversation + "\"},"
                + "\"user\":{\"external_id\":\"user-1\",\"display_name\":\"Ada\"},"
                + "\"message\":{\"external_id\":\"msg-" + eventId + "\",\"text\":\"" + text + "\"}}";
    }
}
