package io.switchboard.testing;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Assertions;

/**
 * Plain kafka-clients access for tests: produce records with headers, and wait for records to arrive.
 * Keys are strings, values bytes. Not thread-safe; one per test is cheap enough.
 */
public final class KafkaTestClient implements AutoCloseable {

    /** Timeout of the {@code awaitRecords} overloads that take none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private static final int MAX_LISTED = 50;
    private static final int MAX_VALUE_CHARS = 200;

    private final String bootstrapServers;
    private final Map<String, Object> connection;
    private KafkaProducer<String, byte[]> producer;

    /** A client for the JVM's broker ({@link KafkaResource#bootstrapServers()}). */
    public KafkaTestClient() {
        this(KafkaResource.bootstrapServers());
    }

    public KafkaTestClient(String bootstrapServers) {
        this(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /** A client of a broker that wants a login: {@code connection} holds the address and the security settings. */
    public KafkaTestClient(Map<String, Object> connection) {
        this.connection = Map.copyOf(connection);
        this.bootstrapServers = (String) connection.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public RecordMetadata produce(String topic, String key, byte[] value) {
        return produce(topic, key, value, Map.of());
    }

    /** Sends one record (headers as UTF-8, in the map's iteration order) and waits for the broker's ack. */
    public RecordMetadata produce(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, text) -> record.headers().add(name, text == null ? null : text.getBytes(StandardCharsets.UTF_8)));
        return produce(record);
    }

    /** Sends a fully built record (binary headers, explicit partition or timestamp) and waits for the ack. */
    public RecordMetadata produce(ProducerRecord<String, byte[]> record) {
        try {
            return producer().send(record).get(40, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while producing to " + record.topic(), e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new IllegalStateException("Could not produce to " + record.topic() + " on " + bootstrapServers, cause);
        }
    }

    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count) {
        return awaitRecords(topic, count, record -> true, DEFAULT_TIMEOUT);
    }

    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count,
            Predicate<ConsumerRecord<String, byte[]>> filter) {
        return awaitRecords(topic, count, filter, DEFAULT_TIMEOUT);
    }

    /**
     * Reads {@code topic} from the beginning with {@code isolation.level=read_committed} until {@code count} records
     * match {@code filter}, and returns the first {@code count} matches in the order read. Fails the test with the
     * records that were seen when the timeout passes first.
     * <p>
     * Every call uses a fresh consumer and a fresh group id, with the partitions assigned directly: nothing is
     * committed and no group rebalance is waited for, so calls are independent of each other.
     */
    public List<ConsumerRecord<String, byte[]>> awaitRecords(String topic, int count,
            Predicate<ConsumerRecord<String, byte[]>> filter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        List<ConsumerRecord<String, byte[]>> matched = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            if (partitions.isEmpty()) {
                Assertions.fail("Expected " + count + " record(s) on topic '" + topic + "' within " + timeout
                        + ", but the topic does not exist on " + bootstrapServers + " (or the broker is unreachable)");
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (matched.size() < count && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    seen.add(record);
                    if (matched.size() < count && filter.test(record)) {
                        matched.add(record);
                    }
                }
            }
        }
        if (matched.size() < count) {
            Assertions.fail(failureMessage(topic, count, timeout, seen, matched));
        }
        return matched;
    }

    /**
     * Every committed record on {@code topic} right now: reads from the beginning up to the end offsets taken at the
     * call (with {@code read_committed}, the last stable offsets). For asserting that something did NOT arrive: wait
     * for a later record first (a sentinel through the same path), then read all.
     */
    public List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        long deadline = System.nanoTime() + DEFAULT_TIMEOUT.toNanos();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig())) {
            List<TopicPartition> partitions = awaitPartitions(consumer, topic, deadline);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    Assertions.fail("Could not read " + topic + " to its end offsets " + end + " within "
                            + DEFAULT_TIMEOUT);
                }
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
            }
        }
        return records;
    }

    /** The last value of header {@code name} as UTF-8, or null when absent. */
    public static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    /** The record's value as UTF-8, or null for a tombstone. */
    public static String text(ConsumerRecord<?, byte[]> record) {
        return record.value() == null ? null : new String(record.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }

    private KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            Map<String, Object> config = new HashMap<>(connection);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "switchboard-test-producer-" + shortId());
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000);
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
            producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    private Map<String, Object> consumerConfig() {
        String id = "switchboard-test-" + shortId();
        Map<String, Object> config = new HashMap<>(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, id);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, id);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // Reading must not create the topic it waits for; the service under test does that.
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return config;
    }

    /** Waits for the topic to exist: the service under test may create it after the test starts waiting. */
    private static List<TopicPartition> awaitPartitions(KafkaConsumer<?, ?> consumer, String topic, long deadline) {
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return List.of();
            }
            try {
                List<PartitionInfo> infos = consumer.partitionsFor(topic,
                        Duration.ofNanos(Math.min(left, TimeUnit.SECONDS.toNanos(2))));
                if (infos != null && !infos.isEmpty()) {
                    List<TopicPartition> partitions = new ArrayList<>();
                    infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
                    return partitions;
                }
                Thread.sleep(100);
            } catch (KafkaException e) {
                // Broker unreachable or metadata not there yet: retry until the deadline.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return List.of();
            }
        }
    }

    private static String failureMessage(String topic, int count, Duration timeout,
            List<ConsumerRecord<String, byte[]>> seen, List<ConsumerRecord<String, byte[]>> matched) {
        StringBuilder message = new StringBuilder()
                .append("Expected ").append(count).append(" record(s) matching the filter on topic '").append(topic)
                .append("' within ").append(timeout).append(" (read_committed), but ").append(matched.size())
                .append(" of the ").append(seen.size()).append(" record(s) seen matched");
        message.append(seen.isEmpty() ? "; the topic had no committed records." : ". Seen:");
        for (int i = 0; i < Math.min(seen.size(), MAX_LISTED); i++) {
            ConsumerRecord<String, byte[]> record = seen.get(i);
            message.append("\n  ").append(matched.contains(record) ? "[match] " : "")
                    .append(record.topic()).append('-').append(record.partition()).append('@').append(record.offset())
                    .append(" key=").append(record.key())
                    .append(" headers={");
            String separator = "";
            for (Header header : record.headers()) {
                message.append(separator).append(header.key()).append('=')
                        .append(header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8));
                separator = ", ";
            }
            message.append("} value=").append(abbreviate(text(record)));
        }
        if (seen.size() > MAX_LISTED) {
            message.append("\n  ... and ").append(seen.size() - MAX_LISTED).append(" more");
        }
        return message.toString();
    }

    private static String abbreviate(String value) {
        if (value == null || value.length() <= MAX_VALUE_CHARS) {
            return value;
        }
        return value.substring(0, MAX_VALUE_CHARS) + "... (" + value.length() + " chars)";
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }
}
