package io.switchboard.routing;

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
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureCompleted;
import io.switchboard.events.ErasureRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * An erasure removes exactly the customer's conversations with their offers and held messages, on every channel
 * when the identity names none, and routing reports the counts through its outbox. A redelivered request removes
 * nothing that arrived since and is answered again, with zero counts under the same event id.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3,switchboard.erasures.v1:3,switchboard.erasure-results.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class ErasureTest {

    private static final String SOURCE = "/switchboard/erasure-test";

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    @Test
    void removesTheCustomersConversationsOffersAndHeldMessagesOnlyAndAnswersARedeliveryAgain() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        String customer = "1650" + Math.abs(run.hashCode());
        List<String> erased = List.of("wa:106540352242922:" + customer, "fb:1049387362841023:" + customer);
        List<String> kept = List.of("wa:106540352242922:" + customer + "0", "wa:106540352242922:0" + customer);
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            for (String key : concat(erased, kept)) {
                conversation(sql, key);
            }
            // The first is still open, assigned to an agent whose capacity it holds.
            String agent = "erasure-agent-" + run;
            sql.execute("INSERT INTO routing.agent_load (agent_id, channel, active, capacity) VALUES ('" + agent
                    + "', 'whatsapp', 2, 3)");
            sql.execute("UPDATE routing.conversations SET state = 'assigned', closed_at = NULL, agent_id = '" + agent
                    + "' WHERE conversation_key = '" + erased.get(0) + "'");
            ErasureRequested request = new ErasureRequested("erasure-" + run,
                    List.of(new ErasureRequested.Identity(null, customer)), "ops", Instant.now());

            kafka.produce(CloudEventCodec.toRecord(request, SOURCE));
            ErasureCompleted first = results(request.erasureId(), 1).get(0);

            assertThat(first.service()).isEqualTo("routing-service");
            assertThat(first.removed()).isEqualTo(Map.of("conversations", 2L, "offers", 2L, "held_messages", 2L,
                    "thread_control", 0L));
            for (String key : erased) {
                assertThat(count(sql, key)).as("rows of %s", key).isZero();
            }
            for (String key : kept) {
                assertThat(count(sql, key)).as("rows of %s", key).isEqualTo(3);
            }
            try (ResultSet load = sql.executeQuery("SELECT active FROM routing.agent_load WHERE agent_id = '" + agent
                    + "'")) {
                load.next();
                assertThat(load.getInt(1)).as("the agent's load once the open conversation is erased").isEqualTo(1);
            }

            conversation(sql, erased.get(0));
            kafka.produce(CloudEventCodec.toRecord(request, SOURCE));
            List<ErasureCompleted> both = results(request.erasureId(), 2);

            assertThat(both.get(1).eventId()).isEqualTo(first.eventId());
            assertThat(both.get(1).removed()).isEqualTo(Map.of("conversations", 0L, "offers", 0L,
                    "held_messages", 0L, "thread_control", 0L));
            assertThat(count(sql, erased.get(0))).isEqualTo(3);
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

    /** A resolved conversation of {@code key} with an offer and a held message. */
    private static void conversation(Statement sql, String key) throws Exception {
        String id = UUID.randomUUID().toString();
        sql.execute("INSERT INTO routing.conversations (conversation_id, conversation_key, channel,"
                + " channel_account_id, queue_id, priority, state, closed_at) VALUES ('" + id + "', '" + key
                + "', 'whatsapp', '" + key.split(":")[1] + "', 'default', 0, 'resolved', now())");
        sql.execute("INSERT INTO routing.offers (offer_id, conversation_id, agent_id, channel, state, explanation,"
                + " expires_at) VALUES ('o-" + id + "', '" + id + "', 'ava', 'whatsapp', 'accepted', '{}', now())");
        sql.execute("INSERT INTO routing.held_messages (event_id, conversation_id, payload) VALUES ('h-" + id
                + "', '" + id + "', 'x'::bytea)");
    }

    private static int count(Statement sql, String key) throws Exception {
        String ids = "(SELECT conversation_id FROM routing.conversations WHERE conversation_key = '" + key + "')";
        try (ResultSet rows = sql.executeQuery("SELECT (SELECT count(*) FROM routing.conversations"
                + " WHERE conversation_key = '" + key + "')"
                + " + (SELECT count(*) FROM routing.offers WHERE conversation_id IN " + ids + ")"
                + " + (SELECT count(*) FROM routing.held_messages WHERE conversation_id IN " + ids + ")")) {
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
