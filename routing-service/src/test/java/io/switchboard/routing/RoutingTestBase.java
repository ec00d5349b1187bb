package io.switchboard.routing;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import io.switchboard.events.AgentPresence;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.RawRef;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaTestClient;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Kafka, the database, and the events the tests send and read. Every test uses fresh agents and customers. */
abstract class RoutingTestBase {

    static final String ACCOUNT = "106540352242922";
    static final String SOURCE = "/switchboard/routing-test";

    @Inject
    Pool pool;

    final KafkaTestClient kafka = new KafkaTestClient();

    /**
     * Agents and conversations of earlier tests leave the stage: their agents go offline and their conversations are
     * closed, so they neither take nor compete for this test's offers.
     */
    @BeforeEach
    void freshStage() {
        sql("UPDATE routing.agents SET presence = 'offline'");
        sql("UPDATE routing.offers SET state = 'withdrawn' WHERE state = 'pending'");
        sql("UPDATE routing.conversations SET state = 'abandoned', closed_at = now() WHERE closed_at IS NULL");
        sql("UPDATE routing.agent_load SET active = 0");
    }

    @AfterEach
    void closeKafka() {
        kafka.close();
    }

    static String fresh(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Publishes an agent's full state and waits until routing's projection holds it. */
    void agent(String agentId, AgentPresence presence, int whatsappCapacity, Instant presenceSince, long version,
            Map<String, Integer> skills) {
        AgentStateChanged state = new AgentStateChanged(agentId + ":" + version, agentId, agentId, List.of("en"),
                skills.entrySet().stream().map(e -> new AgentStateChanged.Skill(e.getKey(), e.getValue())).toList(),
                Map.of("whatsapp", whatsappCapacity), presence, presenceSince, null, null, true, version,
                Instant.now());
        send(state);
        await().atMost(Duration.ofSeconds(30)).until(() -> sql(
                "SELECT 1 FROM routing.agents WHERE agent_id = $1 AND version >= $2", agentId, version).size() == 1);
    }

    void availableAgent(String agentId, Duration idle, int capacity) {
        agent(agentId, AgentPresence.AVAILABLE, capacity, Instant.now().minus(idle), 1, Map.of());
    }

    static MessageReceived message(String user) {
        return message(ACCOUNT, user, "hello");
    }

    /** A text message on a WhatsApp number of the test's own, so only the test's queues match it. */
    static MessageReceived message(String account, String user, String text) {
        return new MessageReceived("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, account,
                Channel.WHATSAPP.conversationKey(account, user), Customer.of(user, Map.of("wa_id", user)),
                "wamid." + UUID.randomUUID(), Instant.now(), Instant.now(), MessageContent.text(text),
                new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }

    void send(SwitchboardEvent event) {
        kafka.produce(CloudEventCodec.toRecord(event, SOURCE));
    }

    /** Waits for {@code count} routing events of a type about one conversation key, and reads them. */
    @SuppressWarnings("unchecked")
    <T extends SwitchboardEvent> List<T> routing(String conversationKey, EventType type, int count) {
        return (List<T>) kafka.awaitRecords(Topics.ROUTING, count, ofType(conversationKey, type)).stream()
                .map(RoutingTestBase::decode).toList();
    }

    <T extends SwitchboardEvent> T routing(String conversationKey, EventType type) {
        List<T> events = routing(conversationKey, type, 1);
        return events.get(0);
    }

    /** The {@code n}th (from 1) routing event of a type about one conversation key, once published. */
    <T extends SwitchboardEvent> T nth(String conversationKey, EventType type, int n) {
        List<T> events = routing(conversationKey, type, n);
        return events.get(n - 1);
    }

    /** Every routing event of a type about a key published so far. */
    List<SwitchboardEvent> published(String conversationKey, EventType type) {
        return kafka.readAll(Topics.ROUTING).stream().filter(ofType(conversationKey, type))
                .map(RoutingTestBase::decode).toList();
    }

    static Predicate<ConsumerRecord<String, byte[]>> ofType(String conversationKey, EventType type) {
        return record -> conversationKey.equals(record.key())
                && type.ceType().equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE));
    }

    static SwitchboardEvent decode(ConsumerRecord<String, byte[]> record) {
        return CloudEventCodec.read(record.headers(), record.value());
    }

    RowSet<Row> sql(String statement, Object... args) {
        return pool.preparedQuery(statement).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10));
    }

    int load(String agentId) {
        RowSet<Row> rows = sql("SELECT active FROM routing.agent_load WHERE agent_id = $1 AND channel = 'whatsapp'",
                agentId);
        return rows.size() == 0 ? 0 : rows.iterator().next().getInteger("active");
    }
}
