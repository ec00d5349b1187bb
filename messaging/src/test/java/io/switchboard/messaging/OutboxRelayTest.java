package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.Topics;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.messaging.deadletter.DeadLetters;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.outbox.Outbox;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.messaging.outbox.RelaySettings;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** The shared relay against the real PostgreSQL and Kafka broker of the tests. */
class OutboxRelayTest {

    private static final String SCHEMA = "msg_relay_test";
    private static final String DLQ = "messaging-test.dead-letter";

    private final Vertx vertx = Vertx.vertx();
    private final Outbox outbox = new Outbox(SCHEMA);
    private Pool pool;
    private KafkaTestClient kafka;
    private DeadLetters deadLetters;
    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;
    private final ConsumerHealth health = new ConsumerHealth();

    @BeforeEach
    void setUp() {
        pool = TestDatabase.pool(vertx);
        TestDatabase.migrate(pool, SCHEMA);
        KafkaResource.createTopics(1, Topics.ROUTING, DLQ);
        kafka = new KafkaTestClient();
        deadLetters = new DeadLetters(KafkaClientProperties.plaintext(KafkaResource.bootstrapServers()), DLQ,
                "routing-service");
        // A small request limit, so a test can make a row Kafka refuses without a huge payload.
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaResource.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true, ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 8192),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterEach
    void tearDown() {
        if (relay != null) {
            relay.close();
        }
        producer.close();
        kafka.close();
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void publishesRowsInOrderWithTheirHeadersAndDeletesThem() {
        ConversationResolved first = Events.resolved("k1", "first");
        ConversationResolved second = Events.resolved("k1", "second");
        pool.withTransaction(tx -> outbox.append(tx, first).chain(() -> outbox.append(tx, second))).await()
                .indefinitely();
        startRelay(Duration.ofMillis(200));

        List<ConsumerRecord<String, byte[]>> records = kafka.awaitRecords(Topics.ROUTING, 2, key("k1"));
        assertThat(records).extracting(r -> KafkaTestClient.header(r, CloudEventCodec.HEADER_ID))
                .containsExactly(first.eventId(), second.eventId());
        assertThat(records).extracting(ConsumerRecord::key).containsOnly("k1");
        assertThat(KafkaTestClient.header(records.get(0), CloudEventCodec.HEADER_SOURCE)).isEqualTo("/test");
        assertThat(records.get(0).value()).isEqualTo(CloudEventCodec.data(first));
        awaitOutboxEmpty();
    }

    @Test
    void aRowKafkaRefusesBecomesADeadLetterAndTheRowsBehindItArePublished() {
        ConversationResolved huge = Events.resolved("k2", "x".repeat(20_000));
        ConversationResolved after = Events.resolved("k2", "after");
        pool.withTransaction(tx -> outbox.append(tx, huge).chain(() -> outbox.append(tx, after))).await()
                .indefinitely();
        startRelay(Duration.ofMillis(200));

        ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(DLQ, 1, key("k2")).get(0);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo("org.apache.kafka.common.errors.RecordTooLargeException");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.ROUTING);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.OUTBOX_ID)).matches("[0-9]+");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("routing-service");
        assertThat(KafkaTestClient.header(letter, CloudEventCodec.HEADER_ID)).isEqualTo(huge.eventId());
        assertThat(letter.value()).isEqualTo(CloudEventCodec.data(huge));

        ConsumerRecord<String, byte[]> published = kafka.awaitRecords(Topics.ROUTING, 1, key("k2")).get(0);
        assertThat(KafkaTestClient.header(published, CloudEventCodec.HEADER_ID)).isEqualTo(after.eventId());
        awaitOutboxEmpty();
    }

    @Test
    void aCommitWakesTheRelayWithoutWaitingForTheTimer() {
        // The timer's first pass runs at start; after that only the insert trigger's NOTIFY can wake it.
        startRelay(Duration.ofHours(1));
        awaitListening();
        ConversationResolved event = Events.resolved("k3", "notified");
        pool.withTransaction(tx -> outbox.append(tx, event)).await().indefinitely();

        ConsumerRecord<String, byte[]> record = kafka.awaitRecords(Topics.ROUTING, 1, key("k3"),
                Duration.ofSeconds(10)).get(0);
        assertThat(KafkaTestClient.header(record, CloudEventCodec.HEADER_ID)).isEqualTo(event.eventId());
    }

    @Test
    void aSecondTransactionOnTheSameKeyWaitsSoIdsFollowCommitOrder() throws Exception {
        var holder = pool.getConnectionAndAwait();
        var first = holder.beginAndAwait();
        outbox.append(holder, Events.resolved("k4", "first")).await().indefinitely();

        CompletableFuture<Void> second = pool.withTransaction(tx -> outbox.append(tx, Events.resolved("k4", "second")))
                .subscribeAsCompletionStage();
        CompletableFuture<Void> otherKey = pool.withTransaction(tx -> outbox.append(tx, Events.resolved("k5", "other")))
                .subscribeAsCompletionStage();
        otherKey.get(10, TimeUnit.SECONDS);
        Thread.sleep(500);
        assertThat(second).as("the second transaction on k4 waits for the first to commit").isNotDone();

        first.commitAndAwait();
        holder.closeAndAwait();
        second.get(10, TimeUnit.SECONDS);
        var rows = pool.query("SELECT convert_from(payload, 'UTF8') AS payload FROM " + SCHEMA
                + ".outbox WHERE record_key = 'k4' ORDER BY id").executeAndAwait();
        assertThat(rows).extracting(row -> row.getString("payload").contains("\"first\""))
                .containsExactly(true, false);
    }

    /** Records of one test's key: the topics keep what earlier tests published. */
    private static Predicate<ConsumerRecord<String, byte[]>> key(String key) {
        return record -> key.equals(record.key());
    }

    private void startRelay(Duration interval) {
        relay = new OutboxRelay(pool, new RelaySettings(SCHEMA, "/test", 100, interval, Duration.ofDays(8)),
                producer, deadLetters, health);
        relay.start();
    }

    private void awaitListening() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool
                .query("SELECT count(*) AS n FROM pg_stat_activity WHERE query LIKE 'LISTEN " + SCHEMA + "_outbox%'")
                .executeAndAwait().iterator().next().getLong("n") > 0);
    }

    private void awaitOutboxEmpty() {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> pool
                .query("SELECT count(*) AS n FROM " + SCHEMA + ".outbox").executeAndAwait().iterator().next()
                .getLong("n") == 0);
    }
}
