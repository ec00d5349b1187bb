package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class KafkaResourceTest {

    /** Client INFO logging is a config dump per client; held so the level sticks. */
    private static final Logger KAFKA_CLIENTS = Logger.getLogger("org.apache.kafka");

    private static Map<String, String> config;

    @BeforeAll
    static void startResource() {
        KAFKA_CLIENTS.setLevel(Level.WARNING);
        KafkaResource resource = new KafkaResource();
        resource.init(Map.of(KafkaResource.TOPICS_ARG, "init-three:3, init-one"));
        config = resource.start();
    }

    @Test
    void startReturnsTheBrokerAndKeepsDevServicesOff() {
        String bootstrap = KafkaResource.bootstrapServers();
        assertThat(config)
                .containsEntry("kafka.bootstrap.servers", bootstrap)
                .containsEntry("quarkus.kafka-streams.bootstrap-servers", bootstrap)
                .containsEntry("quarkus.kafka.devservices.enabled", "false");
        assertThat(KafkaResource.isBrokerRunning()).isTrue();
    }

    @Test
    void createTopicsIsIdempotentAndInitArgsCreateTopics() throws Exception {
        String topic = unique("created");
        KafkaResource.createTopics(4, topic);
        KafkaResource.createTopics(4, topic);
        KafkaResource.createTopics(2, topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaResource.bootstrapServers()))) {
            Map<String, TopicDescription> topics =
                    admin.describeTopics(List.of(topic, "init-three", "init-one")).allTopicNames().get();
            assertThat(topics.get(topic).partitions()).hasSize(4);
            assertThat(topics.get("init-three").partitions()).hasSize(3);
            assertThat(topics.get("init-one").partitions()).hasSize(1);
        }
    }

    @Test
    void producedRecordsComeBackWithTheirHeaders() {
        String topic = unique("round-trip");
        KafkaResource.createTopics(2, topic);
        try (KafkaTestClient client = new KafkaTestClient()) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("ce_type", "switchboard.test");
            headers.put("ce_id", "1");
            client.produce(topic, "conversation-1", bytes("{\"text\":\"hi\"}"), headers);
            client.produce(topic, "conversation-2", bytes("other"));

            List<ConsumerRecord<String, byte[]>> records =
                    client.awaitRecords(topic, 1, record -> "conversation-1".equals(record.key()));

            assertThat(records).hasSize(1);
            ConsumerRecord<String, byte[]> record = records.get(0);
            assertThat(KafkaTestClient.text(record)).isEqualTo("{\"text\":\"hi\"}");
            assertThat(KafkaTestClient.header(record, "ce_type")).isEqualTo("switchboard.test");
            assertThat(KafkaTestClient.header(record, "ce_id")).isEqualTo("1");
            assertThat(client.awaitRecords(topic, 2)).hasSize(2);
        }
    }

    @Test
    void transactionsCommitAndAbortedRecordsStayInvisible() {
        String topic = unique("transactions");
        KafkaResource.createTopics(1, topic);
        Map<String, Object> producerConfig = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers(),
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, unique("tx"));
        try (KafkaProducer<String, byte[]> producer =
                new KafkaProducer<>(producerConfig, new StringSerializer(), new ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", bytes("committed-1")));
            producer.commitTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", bytes("aborted")));
            producer.flush();
            producer.abortTransaction();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(topic, "k", bytes("committed-2")));
            producer.commitTransaction();
        }
        try (KafkaTestClient client = new KafkaTestClient()) {
            List<ConsumerRecord<String, byte[]>> records = client.awaitRecords(topic, 2);
            assertThat(records).extracting(KafkaTestClient::text).containsExactly("committed-1", "committed-2");
            assertThat(client.readAll(topic)).extracting(KafkaTestClient::text).containsExactly("committed-1", "committed-2");
        }
    }

    @Test
    void kafkaStreamsRunsWithExactlyOnceV2(@TempDir Path stateDir) {
        String input = unique("streams-in");
        String output = unique("streams-out");
        KafkaResource.createTopics(1, input, output);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.String(), Serdes.String()))
                .mapValues(value -> value.toUpperCase())
                .to(output, Produced.with(Serdes.String(), Serdes.String()));
        Properties streamsConfig = new Properties();
        streamsConfig.put(StreamsConfig.APPLICATION_ID_CONFIG, unique("eos"));
        streamsConfig.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaResource.bootstrapServers());
        streamsConfig.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        streamsConfig.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        streamsConfig.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        KafkaStreams streams = new KafkaStreams(builder.build(), streamsConfig);
        try (KafkaTestClient client = new KafkaTestClient()) {
            streams.start();
            client.produce(input, "k", bytes("hello"));
            // read_committed: only visible once the Streams transaction commits.
            assertThat(client.awaitRecords(output, 1)).extracting(KafkaTestClient::text).containsExactly("HELLO");
            assertThat(streams.state()).isEqualTo(KafkaStreams.State.RUNNING);
        } finally {
            streams.close(Duration.ofSeconds(10));
        }
    }

    @Test
    void awaitRecordsFailsWithWhatItSaw() {
        String topic = unique("failure");
        KafkaResource.createTopics(1, topic);
        try (KafkaTestClient client = new KafkaTestClient()) {
            client.produce(topic, "seen-key", bytes("seen-value"), Map.of("h", "v"));
            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> client.awaitRecords(topic, 1, record -> false, Duration.ofSeconds(2)));
            assertThat(failure.getMessage())
                    .contains("'" + topic + "'", "0 of the 1 record(s) seen matched", "key=seen-key", "h=v",
                            "value=seen-value");
            assertThatThrownBy(() -> client.awaitRecords(unique("missing"), 1, record -> true, Duration.ofMillis(500)))
                    .isInstanceOf(AssertionFailedError.class)
                    .hasMessageContaining("does not exist");
        }
    }

    @Test
    void brokerComesBackOnTheSameAddressAndOldClientsReconnect() throws Exception {
        String bootstrap = KafkaResource.bootstrapServers();
        String topic = unique("restart");
        KafkaResource.createTopics(1, topic);
        try (KafkaTestClient client = new KafkaTestClient()) {
            client.produce(topic, "k", bytes("before"));

            KafkaResource.stopBroker();
            try {
                assertThat(KafkaResource.isBrokerRunning()).isFalse();
                assertRefused(bootstrap);
            } finally {
                KafkaResource.startBroker();
            }

            assertThat(KafkaResource.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(KafkaResource.isBrokerRunning()).isTrue();
            // The producer was created before the stop: it must reconnect to the same address by itself.
            client.produce(topic, "k", bytes("after"));
            assertThat(client.awaitRecords(topic, 2)).extracting(KafkaTestClient::text)
                    .containsExactly("before", "after");
        }
    }

    @Test
    void anotherClassLoaderReachesTheSameBroker() throws Exception {
        // Quarkus loads a @QuarkusTest, its resources and kafka-clients in one class loader per application, and
        // makes it the context class loader while the test runs.
        ClassLoader isolated = new ChildFirstLoader(getClass().getClassLoader(), "io.switchboard.testing.", "org.apache.kafka.");
        Class<?> copy = isolated.loadClass(KafkaResource.class.getName());
        assertThat(copy).isNotSameAs(KafkaResource.class);
        String topic = unique("isolated");

        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(isolated);
        try {
            assertThat(copy.getMethod("bootstrapServers").invoke(null)).isEqualTo(KafkaResource.bootstrapServers());
            assertThat(copy.getMethod("isBrokerRunning").invoke(null)).isEqualTo(true);
            copy.getMethod("createTopics", int.class, String[].class).invoke(null, 2, new String[] {topic});
        } finally {
            thread.setContextClassLoader(previous);
        }
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", KafkaResource.bootstrapServers()))) {
            assertThat(admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()).hasSize(2);
        }
    }

    private static void assertRefused(String bootstrap) throws IOException {
        String host = bootstrap.substring(0, bootstrap.lastIndexOf(':'));
        int port = Integer.parseInt(bootstrap.substring(bootstrap.lastIndexOf(':') + 1));
        for (InetAddress address : InetAddress.getAllByName(host)) {
            try (Socket socket = new Socket()) {
                assertThrows(IOException.class, () -> socket.connect(new InetSocketAddress(address, port), 1000),
                        "the broker port should refuse connections while the broker is down: " + address);
            }
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Defines the classes under the given prefixes itself, like a Quarkus application class loader does. */
    private static final class ChildFirstLoader extends ClassLoader {

        private final List<String> prefixes;

        ChildFirstLoader(ClassLoader parent, String... prefixes) {
            super(parent);
            this.prefixes = List.of(prefixes);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (prefixes.stream().noneMatch(name::startsWith)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                return loaded;
            }
        }
    }
}
