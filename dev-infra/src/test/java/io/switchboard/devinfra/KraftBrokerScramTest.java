package io.switchboard.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The broker with SCRAM-SHA-512 and the StandardAuthorizer: what no ACL allows is refused, a wrong login too. */
class KraftBrokerScramTest {

    private static KraftBroker broker;

    @BeforeAll
    static void start() throws Exception {
        broker = KraftBroker.start(KraftBroker.Settings.ephemeral().autoCreateTopics(false)
                .scram(new ScramAuth("admin", "admin-secret")));
        try (Admin admin = Admin.create(broker.adminProperties())) {
            admin.createTopics(List.of(new NewTopic("allowed", 1, (short) 1), new NewTopic("forbidden", 1, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            ScramAuth.createUser(admin, "writer", "writer-secret");
            List<AclBinding> acls = new ArrayList<>(ScramAuth.topic("writer", "allowed", AclOperation.WRITE,
                    AclOperation.READ));
            acls.addAll(ScramAuth.group("writer", "writers"));
            ScramAuth.allow(admin, acls);
        }
    }

    @AfterAll
    static void stop() {
        broker.close();
    }

    @Test
    void aUserWritesAndReadsWhatItsAclsAllowAndNothingElse() throws Exception {
        try (KafkaProducer<String, String> producer = producer("writer", "writer-secret")) {
            // ACLs reach the broker's authorizer a moment after the controller took them.
            awaitAllowed(() -> producer.send(new ProducerRecord<>("allowed", "k", "v")).get(10, TimeUnit.SECONDS));
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("forbidden", "k", "v")).get(10,
                    TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TopicAuthorizationException.class);
        }
        try (KafkaConsumer<String, String> consumer = consumer("writer", "writer-secret", "writers")) {
            consumer.subscribe(List.of("allowed"));
            List<ConsumerRecord<String, String>> read = new ArrayList<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (read.isEmpty() && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(read::add);
            }
            assertThat(read).extracting(ConsumerRecord::value).containsExactly("v");
        }
        try (KafkaConsumer<String, String> consumer = consumer("writer", "writer-secret", "someone-elses")) {
            consumer.subscribe(List.of("allowed"));
            assertThatThrownBy(() -> consumer.poll(Duration.ofSeconds(10)))
                    .isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void aWrongPasswordOrNoLoginAtAllIsRefused() {
        try (KafkaProducer<String, String> producer = producer("writer", "not-the-password")) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("allowed", "k", "v")).get(10,
                    TimeUnit.SECONDS)).hasCauseInstanceOf(SaslAuthenticationException.class);
        }
        try (Admin anonymous = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers(),
                "default.api.timeout.ms", 3000, "request.timeout.ms", 2000))) {
            // A plaintext client does not even complete the handshake: it times out, it is never let in.
            assertThatThrownBy(() -> anonymous.listTopics().names().get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class);
        }
    }

    private static KafkaProducer<String, String> producer(String user, String password) {
        Map<String, Object> p = ScramAuth.clientProperties(broker.bootstrapServers(), user, password);
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 10_000);
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        return new KafkaProducer<>(p, new StringSerializer(), new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(String user, String password, String group) {
        Map<String, Object> p = ScramAuth.clientProperties(broker.bootstrapServers(), user, password);
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
    }

    private interface Attempt {
        void run() throws Exception;
    }

    private static void awaitAllowed(Attempt attempt) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                attempt.run();
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicAuthorizationException) || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }
}
