package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.messaging.outbox.Outbox;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;

/**
 * The one failure policy on agent-service's listeners and relay: a record that cannot be applied goes to
 * {@code switchboard.agent.dead-letter.v1} with its reason and the records behind it are applied; an outbox row Kafka
 * refuses goes there too and the rows behind it are published.
 */
@QuarkusTest
class DeadLettersTest {

    @Inject
    Pool pool;

    @Test
    void routingRecordsThatCannotBeAppliedAreDeadLetteredAndTheNextIsApplied() {
        String alice = ActionsTest.agent();
        String key = Routing.conversationKey();
        ConversationOffered template = Routing.offered(key, Routing.id(), alice, Routing.id(),
                Instant.now().plusSeconds(60));
        ProducerRecord<String, byte[]> undecodable = CloudEventCodec.toRecord(template, "/test/routing");
        produce(new ProducerRecord<>(undecodable.topic(), null, key,
                "{\"offerId\": ".getBytes(StandardCharsets.UTF_8), undecodable.headers()));
        String longId = "x".repeat(300);
        produce(new ConversationOffered(longId, Channel.WHATSAPP, Routing.WA_ACCOUNT, key, Routing.id(), "support",
                Routing.id(), alice, Instant.now().plusSeconds(60), null, Instant.now()));
        produce(Routing.offered(key, "c-\u0000-nul", alice, Routing.id(), Instant.now().plusSeconds(60)));
        String good = Routing.id();
        Routing.publish(Routing.offered(key, Routing.id(), alice, good, Instant.now().plusSeconds(60)));

        List<ConsumerRecord<String, byte[]>> letters = letters(Topics.ROUTING, key, 3);
        assertThat(letters).extracting(r -> header(r, DeadLetterHeaders.REASON)).satisfiesExactly(
                reason -> assertThat(reason).contains("unreadable event"),
                reason -> assertThat(reason).contains("eventId is longer than 255"),
                reason -> assertThat(reason).contains("conversationId contains a NUL"));
        assertThat(letters).allSatisfy(r -> assertThat(header(r, DeadLetterHeaders.SERVICE))
                .isEqualTo("agent-service"));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(alice)).get("/me/offers").then().statusCode(200)
                        .body("offerId", hasItem(good)));
    }

    @Test
    void outboundResultsThatCannotBeAppliedAreDeadLetteredAndTheNextIsApplied() {
        String alice = ActionsTest.agent();
        String key = ActionsTest.assignedConversation(alice, Routing.id(), Instant.now());
        // The reply's event id (outbound's results name it as their idempotency key), from the 202.
        String reply = given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", "reply-" + Routing.id())
                .contentType(ContentType.JSON).body(Map.of("kind", "text", "text", "Ya lo reviso"))
                .post("/me/conversations/" + key + "/replies").then().statusCode(202).extract().path("eventId");

        DeliveryAccepted accepted = new DeliveryAccepted(reply + ":accepted", reply, Channel.WHATSAPP,
                Routing.WA_ACCOUNT, key, "wamid.1", 1, Instant.now());
        ProducerRecord<String, byte[]> undecodable = CloudEventCodec.toRecord(accepted, "/test/outbound");
        produce(new ProducerRecord<>(undecodable.topic(), null, key, new byte[] { 1, 2, 3 }, undecodable.headers()));
        produce(new DeliveryAccepted(reply + ":nul", reply + "\u0000", Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                "wamid.1", 1, Instant.now()));
        produce(accepted);

        List<ConsumerRecord<String, byte[]>> letters = letters(Topics.OUTBOUND_RESULTS, key, 2);
        assertThat(letters.get(0).headers().lastHeader(DeadLetterHeaders.REASON)).isNotNull();
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON)).contains("idempotencyKey contains a NUL");
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(alice)).get("/me/conversations/" + key).then().statusCode(200)
                        .body("transcript.find { it.eventId == '" + reply + "' }.status", equalTo("accepted")));
    }

    @Test
    void anOutboxRowKafkaRefusesIsDeadLetteredAndTheNextRowIsPublished() {
        String key = Routing.conversationKey();
        // Larger than the producer's max.request.size (1 MiB): Kafka refuses it for itself, not for an outage.
        ReplyRequested huge = reply(key, "huge-" + Routing.id(), "a".repeat(1_200_000));
        ReplyRequested next = reply(key, "next-" + Routing.id(), "hola");
        Outbox outbox = new Outbox("agent");
        pool.withTransaction(tx -> outbox.append(tx, huge).chain(() -> outbox.append(tx, next))).await()
                .atMost(Duration.ofSeconds(10));

        try (KafkaTestClient kafka = new KafkaTestClient()) {
            ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(Topics.AGENT_DEAD_LETTER, 1,
                    r -> huge.eventId().equals(header(r, CloudEventCodec.HEADER_ID))).get(0);
            assertThat(header(letter, DeadLetterHeaders.OUTBOX_ID)).isNotNull();
            assertThat(header(letter, DeadLetterHeaders.REASON)).contains("max.request.size");
            kafka.awaitRecords(Topics.OUTBOUND, 1, r -> next.eventId().equals(header(r, CloudEventCodec.HEADER_ID)));
        }
    }

    private static ReplyRequested reply(String key, String eventId, String text) {
        return new ReplyRequested(eventId, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                new ReplyRequested.Recipient("16505551234", "16505551234", null, null), "agent-x", "Agent X",
                ReplyContent.text(text), Instant.now());
    }

    private static void produce(SwitchboardEvent event) {
        produce(CloudEventCodec.toRecord(event, "/test"));
    }

    private static void produce(ProducerRecord<String, byte[]> record) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(record);
        }
    }

    private static List<ConsumerRecord<String, byte[]>> letters(String sourceTopic, String key, int count) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            return kafka.awaitRecords(Topics.AGENT_DEAD_LETTER, count, r -> key.equals(r.key())
                    && sourceTopic.equals(header(r, DeadLetterHeaders.SOURCE_TOPIC)));
        }
    }
}
