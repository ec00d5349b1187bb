package io.switchboard.ingress.meta;

import static io.switchboard.ingress.Webhooks.postMeta;
import static io.switchboard.ingress.Webhooks.uniqueWamid;
import static io.switchboard.ingress.Webhooks.whatsappText;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class RedeliveryAndBatchTest {

    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aRedeliveredMessageIsPublishedOnceEvenInAnotherBatch() {
        String wamid = uniqueWamid();
        String other = uniqueWamid();
        byte[] alone = whatsappText(wamid, "16505551111", "first");
        // Meta may retry a message inside a different batch: same wamid, different body.
        byte[] inBatch = batch(message(wamid, "16505551111", "first"), message(other, "16505552222", "second"));

        postMeta(alone).then().statusCode(200);
        postMeta(alone).then().statusCode(200);
        postMeta(inBatch).then().statusCode(200);

        // Everything for the conversation after the duplicates: once it is out, the duplicates would be too.
        String sentinel = uniqueWamid();
        postMeta(whatsappText(sentinel, "16505551111", "later")).then().statusCode(200);
        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:" + sentinel).equals(header(r, "ce_id")), SETTLE);
        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:" + other).equals(header(r, "ce_id")), SETTLE);

        assertThat(kafka.readAll(Topics.INBOUND)).filteredOn(r -> ("wa:" + wamid).equals(header(r, "ce_id")))
                .hasSize(1);
        assertThat(kafka.readAll(Topics.RAW_WEBHOOKS)).filteredOn(r -> KafkaTestClient.text(r).contains(wamid))
                .as("every delivery is kept raw").hasSize(3);
    }

    @Test
    void aBatchFansOutIntoEventsKeyedByTheirConversation() {
        String a1 = uniqueWamid();
        String a2 = uniqueWamid();
        String b1 = uniqueWamid();
        String statusOf = uniqueWamid();
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":["
                + "{\"id\":\"102290129340398\",\"changes\":["
                + change("111111111111111", message(a1, "16505553333", "a one") + "," + message(a2, "16505553333", "a two"), "")
                + "," + change("111111111111111", "", status(statusOf, "16505554444")) + "]},"
                + "{\"id\":\"102290129340399\",\"changes\":["
                + change("222222222222222", message(b1, "16505553333", "b one"), "") + "]}]}";

        postMeta(body.getBytes(StandardCharsets.UTF_8)).then().statusCode(200);

        List<ConsumerRecord<String, byte[]>> inbound = kafka.awaitRecords(Topics.INBOUND, 3,
                r -> List.of("wa:" + a1, "wa:" + a2, "wa:" + b1).contains(header(r, "ce_id")), SETTLE);
        assertThat(inbound).extracting(r -> header(r, "ce_id") + " " + r.key()).containsExactlyInAnyOrder(
                "wa:" + a1 + " wa:111111111111111:16505553333",
                "wa:" + a2 + " wa:111111111111111:16505553333",
                "wa:" + b1 + " wa:222222222222222:16505553333");
        // One conversation's messages share a partition and keep their order.
        List<ConsumerRecord<String, byte[]>> conversationA = inbound.stream()
                .filter(r -> r.key().startsWith("wa:111111111111111")).collect(java.util.stream.Collectors.toList());
        assertThat(conversationA.get(0).partition()).isEqualTo(conversationA.get(1).partition());
        assertThat(conversationA).extracting(r -> header(r, "ce_id")).containsExactly("wa:" + a1, "wa:" + a2);

        ConsumerRecord<String, byte[]> delivered = kafka.awaitRecords(Topics.STATUS, 1,
                r -> ("wa:" + statusOf + ":delivered").equals(header(r, "ce_id")), SETTLE).get(0);
        assertThat(delivered.key()).isEqualTo("wa:111111111111111:16505554444");
    }

    @Test
    void aMessageThatCannotBeNormalizedGoesToTheDeadLetterTopicAndTheRestFlows() {
        String good = uniqueWamid();
        String marker = uniqueWamid().replace("wamid.", "");
        String broken = "{\"from\":\"16505555555\",\"timestamp\":\"1749416383\",\"type\":\"text\","
                + "\"text\":{\"body\":\"" + marker + "\"}}";
        byte[] body = batch(broken, message(good, "16505555555", "fine"));

        postMeta(body).then().statusCode(200);

        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:" + good).equals(header(r, "ce_id")), SETTLE);
        ConsumerRecord<String, byte[]> dead = kafka.awaitRecords(Topics.INGRESS_DEAD_LETTER, 1,
                r -> KafkaTestClient.text(r).contains(marker), SETTLE).get(0);
        // messaging's one dead-letter format: the reason, the error class, where the whole webhook is kept, who.
        assertThat(header(dead, DeadLetterHeaders.REASON)).isNotBlank();
        assertThat(header(dead, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(DeadLetterHeaders.VALIDATION);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RAW_WEBHOOKS);
        assertThat(header(dead, DeadLetterHeaders.SOURCE_PARTITION)).matches("\\d+");
        assertThat(header(dead, DeadLetterHeaders.SOURCE_OFFSET)).matches("\\d+");
        assertThat(header(dead, DeadLetterHeaders.SERVICE)).isEqualTo("ingress-service");
        assertThat(header(dead, DeadLetterHeaders.AT)).isNotBlank();
        assertThat(header(dead, "sb_channel")).isEqualTo("whatsapp");
        assertThat(header(dead, "sb_dlq_raw")).isNull();
    }

    @Test
    void aMessageOutOfBoundsIsAcknowledgedAndDeadLetteredWithTheReasonWhileTheRestFlows() {
        String good = uniqueWamid();
        String nul = uniqueWamid();
        // Meta's ids are short; one over 255 characters would make an event id no downstream column holds.
        String tooLong = uniqueWamid() + "X".repeat(260);
        byte[] body = batch(message(nul, "16505556666", "zero\\u0000byte"), message(tooLong, "16505556666", "long"),
                message(good, "16505556666", "fine"));

        // A channel's webhook must be acknowledged: the bounds are enforced after the raw record is kept.
        postMeta(body).then().statusCode(200);

        kafka.awaitRecords(Topics.INBOUND, 1, r -> ("wa:" + good).equals(header(r, "ce_id")), SETTLE);
        ConsumerRecord<String, byte[]> nulLetter = kafka.awaitRecords(Topics.INGRESS_DEAD_LETTER, 1,
                r -> String.valueOf(header(r, DeadLetterHeaders.REASON)).contains(nul), SETTLE).get(0);
        assertThat(header(nulLetter, DeadLetterHeaders.REASON)).contains("content.text: contains a NUL character");
        assertThat(header(nulLetter, DeadLetterHeaders.ERROR_CLASS)).isEqualTo(DeadLetterHeaders.VALIDATION);
        assertThat(header(nulLetter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.RAW_WEBHOOKS);
        ConsumerRecord<String, byte[]> longLetter = kafka.awaitRecords(Topics.INGRESS_DEAD_LETTER, 1,
                r -> String.valueOf(header(r, DeadLetterHeaders.REASON)).contains("eventId: longer than 255"), SETTLE)
                .get(0);
        assertThat(KafkaTestClient.text(longLetter)).contains(good);
        // The good message of the same webhook arrived, so its neighbours were processed: none of them went on.
        assertThat(kafka.readAll(Topics.INBOUND)).extracting(r -> header(r, "ce_id"))
                .doesNotContain("wa:" + nul, "wa:" + tooLong);
    }

    private static byte[] batch(String... messages) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":["
                + change("106540352242922", String.join(",", messages), "") + "]}]}").getBytes(StandardCharsets.UTF_8);
    }

    private static String change(String phoneNumberId, String messages, String statuses) {
        return "{\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + phoneNumberId + "\"},"
                + (messages.isEmpty() ? "" : "\"messages\":[" + messages + "]")
                + (messages.isEmpty() || statuses.isEmpty() ? "" : ",")
                + (statuses.isEmpty() ? "" : "\"statuses\":[" + statuses + "]")
                + "},\"field\":\"messages\"}";
    }

    private static String message(String wamid, String from, String text) {
        return "{\"from\":\"" + from + "\",\"id\":\"" + wamid + "\",\"timestamp\":\"1749416383\",\"type\":\"text\","
                + "\"text\":{\"body\":\"" + text + "\"}}";
    }

    private static String status(String wamid, String recipient) {
        return "{\"id\":\"" + wamid + "\",\"status\":\"delivered\",\"timestamp\":\"1750030074\",\"recipient_id\":\""
                + recipient + "\"}";
    }
}
