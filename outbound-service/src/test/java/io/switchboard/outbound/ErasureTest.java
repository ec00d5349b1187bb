package io.switchboard.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureCompleted;
import io.switchboard.events.ErasureRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * An erasure removes exactly the customer's deliveries, waiting receipts, windows and parked replies, on both of
 * their conversations, and reports the counts; another customer's rows stay. A redelivered request removes nothing
 * that arrived since and is answered again with the first run's counts.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3,switchboard.erasures.v1:3,"
                + "switchboard.erasure-results.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class ErasureTest {

    private static final String SOURCE = "/switchboard/erasure-test";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void removesTheCustomersRowsOnBothConversationsOnlyAndAnswersARedeliveryWithTheSameCounts() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String customer = "1650" + Math.abs(run.hashCode());
        String other = customer + "9";
        List<String> erased = List.of("wa:106540352242922:" + customer, "wa:113269274970227:" + customer);
        List<String> kept = List.of("wa:106540352242922:" + other, "fb:1049387362841023:" + customer);
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            for (String key : concat(erased, kept)) {
                rows(sql, key);
            }
            ErasureRequested request = new ErasureRequested("erasure-" + run,
                    List.of(new ErasureRequested.Identity(Channel.WHATSAPP, customer)), "ops", Instant.now());

            kafka.produce(CloudEventCodec.toRecord(request, SOURCE));
            ErasureCompleted first = results(request.erasureId(), 1).get(0);

            assertThat(first.service()).isEqualTo("outbound-service");
            assertThat(first.removed()).isEqualTo(Map.of("deliveries", 2L, "pending_receipts", 4L,
                    "conversation_windows", 2L, "parked_commands", 2L));
            for (String key : erased) {
                assertThat(count(sql, key)).as("rows of %s", key).isZero();
            }
            for (String key : kept) {
                assertThat(count(sql, key)).as("rows of %s", key).isEqualTo(5);
            }

            // The customer writes again; then the request is delivered a second time.
            rows(sql, erased.get(0));
            kafka.produce(CloudEventCodec.toRecord(request, SOURCE));
            List<ErasureCompleted> both = results(request.erasureId(), 2);

            assertThat(both.get(1).eventId()).isEqualTo(first.eventId());
            assertThat(both.get(1).removed()).isEqualTo(first.removed());
            assertThat(count(sql, erased.get(0))).isEqualTo(5);
        }
    }

    private List<ErasureCompleted> results(String erasureId, int count) {
        List<ErasureCompleted> results = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : kafka.awaitRecords(Topics.ERASURE_RESULTS, count,
                record -> erasureId.equals(record.key()))) {
            results.add((ErasureCompleted) CloudEventCodec.read(record.headers(), record.value()));
        }
        return results;
    }

    /** A delivery, two receipts waiting, a window and a parked reply, for conversation {@code key}. */
    private static void rows(Statement sql, String key) throws Exception {
        String id = UUID.randomUUID().toString();
        String account = key.split(":")[1];
        String channel = key.startsWith("wa:") ? "whatsapp" : "messenger";
        sql.execute("INSERT INTO outbound.deliveries (idempotency_key, conversation_key, channel, channel_account_id,"
                + " state, channel_message_id) VALUES ('d-" + id + "', '" + key + "', '" + channel + "', '" + account
                + "', 'SENT', 'm-" + key + "-" + id + "')");
        // One receipt waits for the delivery's message id, one (overtaking its send) names the conversation only.
        sql.execute("INSERT INTO outbound.pending_receipts (channel, channel_account_id, channel_message_id,"
                + " receipt_id, receipt) VALUES ('" + channel + "', '" + account + "', 'm-" + key + "-" + id
                + "', 'r-" + id + "', 'x'::bytea), ('" + channel + "', '" + account + "', 'early-" + id
                + "', 'early-" + id
                + "', convert_to('{\"eventId\":\"early-" + id + "\",\"conversationKey\":\"" + key
                + "\"}', 'UTF8'))");
        sql.execute("INSERT INTO outbound.conversation_windows (conversation_key, channel, last_inbound_at) VALUES ('"
                + key + "', '" + channel + "', now()) ON CONFLICT (conversation_key) DO NOTHING");
        sql.execute("INSERT INTO outbound.parked_commands (sender, idempotency_key, record_key, record_value,"
                + " record_headers) VALUES ('erasure-test', 'p-" + id + "', '" + key + "', 'x'::bytea, ''::bytea)");
    }

    /** The conversation's rows in the four stores (a receipt by the message id made from its key, or its key). */
    private static int count(Statement sql, String key) throws Exception {
        try (ResultSet rows = sql.executeQuery("SELECT"
                + " (SELECT count(*) FROM outbound.deliveries WHERE conversation_key = '" + key + "')"
                + " + (SELECT count(*) FROM outbound.pending_receipts WHERE channel_message_id LIKE 'm-" + key
                + "-%' OR convert_from(receipt, 'UTF8') LIKE '%\"conversationKey\":\"" + key + "\"%')"
                + " + (SELECT count(*) FROM outbound.conversation_windows WHERE conversation_key = '" + key + "')"
                + " + (SELECT count(*) FROM outbound.parked_commands WHERE record_key = '" + key + "')")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
