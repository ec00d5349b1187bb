package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.Topics;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.conversation.Assignments;
import io.switchboard.routing.conversation.ThreadControlStore;
import io.switchboard.routing.conversation.ThreadControls;
import io.switchboard.routing.conversation.CapacityStore;
import io.switchboard.routing.conversation.ConversationStore;
import io.switchboard.routing.conversation.Dispatch;
import io.switchboard.routing.conversation.HeldMessageStore;
import io.switchboard.routing.conversation.InboxStore;
import io.switchboard.routing.conversation.Intake;
import io.switchboard.routing.conversation.OfferStore;
import io.switchboard.routing.conversation.Selections;
import io.switchboard.routing.conversation.RoutingMetrics;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.store.Transactions;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/**
 * Several independent routing instances next to the service itself: each its own Kafka consumer reading every
 * partition of {@code switchboard.inbound.v1} (so every message reaches every instance, as redelivery after a
 * rebalance would, only more often) and its own PostgreSQL pool, each offering waiting conversations in a loop.
 * Only the database can keep them from giving one agent too much or one conversation twice.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class ReplicaRaceTest extends RoutingTestBase {

    private static final int INSTANCES = 3;
    private static final int AGENTS = 3;
    private static final int CAPACITY = 2;
    private static final int CONVERSATIONS = 40;

    @Inject
    Vertx vertx;
    @Inject
    RoutingConfig config;
    @Inject
    RoutingMetrics metrics;
    @Inject
    OutboxRelay relay;
    @Inject
    QueueCatalog queues;
    @Inject
    Outbox outbox;
    @Inject
    InboxStore inbox;
    @Inject
    ConversationStore conversations;
    @Inject
    OfferStore offerStore;
    @Inject
    CapacityStore capacity;
    @Inject
    HeldMessageStore held;
    @Inject
    Selections selections;
    @Inject
    Assignments assignments;
    @Inject
    ThreadControlStore threads;

    @Test
    void separateInstancesNeverExceedCapacityNorOfferAConversationTwiceAndRedeliveryChangesNothing()
            throws Exception {
        // Given
        List<String> agents = new ArrayList<>();
        for (int i = 0; i < AGENTS; i++) {
            String agent = fresh("replica-racer-" + i);
            availableAgent(agent, Duration.ofMinutes(i + 1), CAPACITY);
            agents.add(agent);
        }
        AtomicBoolean racing = new AtomicBoolean(true);
        Map<TopicPartition, Long> from = endOffsets();
        ExecutorService instances = Executors.newFixedThreadPool(INSTANCES);
        List<PgPool> pools = new ArrayList<>();
        List<Future<Integer>> running = new ArrayList<>();
        for (int i = 0; i < INSTANCES; i++) {
            PgPool instancePool = pool();
            pools.add(instancePool);
            // The instance's own transactions (its own pool); the stores and rules hold no state.
            Transactions transactions = new Transactions(instancePool);
            Dispatch dispatch = new Dispatch(transactions, conversations, offerStore, capacity, selections,
                    assignments, queues, outbox, relay, metrics);
            Intake intake = new Intake(transactions, inbox, conversations, held, selections, dispatch, queues, outbox,
                    relay, config, threads, new ThreadControls(transactions, inbox, conversations, threads,
                            assignments, dispatch, queues, outbox, relay, config));
            running.add(instances.submit(() -> runInstance(intake, dispatch, racing, from)));
        }

        // When
        List<MessageReceived> messages = new ArrayList<>();
        for (int i = 0; i < CONVERSATIONS; i++) {
            MessageReceived message = message(fresh("replica-user"));
            messages.add(message);
            send(message);
        }
        String[] ids = agents.toArray(new String[0]);
        List<String> keys = messages.stream().map(MessageReceived::conversationKey).toList();
        await().atMost(Duration.ofSeconds(90)).until(() -> conversations(keys) == CONVERSATIONS
                && pendingOffers(ids).size() == AGENTS * CAPACITY);
        // Redelivery: every message once more, while the instances still race.
        messages.forEach(this::send);
        Thread.sleep(3000);
        racing.set(false);
        List<Integer> routedByInstance = new ArrayList<>();
        for (Future<Integer> instance : running) {
            routedByInstance.add(instance.get(30, TimeUnit.SECONDS));
        }
        instances.shutdown();
        pools.forEach(PgPool::closeAndAwait);

        // Then
        assertThat(routedByInstance).as("records each instance routed").allSatisfy(n -> assertThat(n).isPositive());
        List<Row> offers = pendingOffers(ids);
        assertThat(offers).hasSize(AGENTS * CAPACITY);
        Map<String, Long> perAgent = offers.stream()
                .collect(Collectors.groupingBy(row -> row.getString("agent_id"), Collectors.counting()));
        for (String agent : agents) {
            assertThat(perAgent.get(agent)).as("offers held by %s", agent).isEqualTo(CAPACITY);
            assertThat(load(agent)).as("load of %s", agent).isEqualTo(CAPACITY);
        }
        assertThat(offers.stream().map(row -> row.getString("conversation_id")).distinct()).hasSize(offers.size());
        assertThat(sql("SELECT count(*) AS n FROM routing.offers o JOIN routing.conversations c USING"
                + " (conversation_id) WHERE c.conversation_key = ANY($1)", (Object) keys.toArray(new String[0]))
                .iterator().next().getLong("n")).as("offers ever made").isEqualTo((long) AGENTS * CAPACITY);
        assertThat(conversations(keys)).isEqualTo(CONVERSATIONS);
        Map<String, Long> queuedPerKey = kafka.readAll(Topics.ROUTING).stream()
                .filter(record -> keys.contains(record.key()) && EventType.CONVERSATION_QUEUED.ceType()
                        .equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE)))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.counting()));
        assertThat(queuedPerKey).hasSize(CONVERSATIONS).allSatisfy((key, count) -> assertThat(count).isEqualTo(1L));
    }

    /** One routing instance: its own consumer of every partition, its own pool. Returns the records it routed. */
    private int runInstance(Intake intake, Dispatch dispatch, AtomicBoolean racing, Map<TopicPartition, Long> from) {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        int routed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            while (racing.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (EventType.MESSAGE_RECEIVED.ceType().equals(
                            CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
                        intake.onMessage((MessageReceived) CloudEventCodec.read(record.headers(), record.value()));
                        routed++;
                    }
                }
                dispatch.dispatchWaiting();
            }
        }
        return routed;
    }

    private Map<TopicPartition, Long> endOffsets() {
        Map<String, Object> settings = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(settings, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.INBOUND).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            return consumer.endOffsets(partitions);
        }
    }

    private PgPool pool() {
        var settings = ConfigProvider.getConfig();
        PgConnectOptions connect = PgConnectOptions.fromUri(
                settings.getValue("quarkus.datasource.reactive.url", String.class).replaceFirst("^vertx-reactive:", ""))
                .setUser(settings.getValue("quarkus.datasource.username", String.class));
        settings.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(connect::setPassword);
        return PgPool.pool(vertx, connect, new PoolOptions().setMaxSize(4));
    }

    private long conversations(List<String> keys) {
        return sql("SELECT count(*) AS n FROM routing.conversations WHERE conversation_key = ANY($1)",
                (Object) keys.toArray(new String[0])).iterator().next().getLong("n");
    }

    private List<Row> pendingOffers(String[] agentIds) {
        List<Row> rows = new ArrayList<>();
        sql("SELECT o.offer_id, o.agent_id, o.conversation_id FROM routing.offers o"
                + " WHERE o.state = 'pending' AND o.agent_id = ANY($1)", (Object) agentIds).forEach(rows::add);
        return rows;
    }
}
