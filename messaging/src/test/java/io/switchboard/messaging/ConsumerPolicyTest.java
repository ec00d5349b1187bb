package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.messaging.deadletter.DeadLetters;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/** The one failure policy, with real dead letters on the tests' Kafka broker. */
class ConsumerPolicyTest {

    private static final String DLQ = "messaging-test.policy-dead-letter";
    private static final String CHANNEL = "inbound";

    private final ConsumerHealth health = new ConsumerHealth();
    private DeadLetters deadLetters;
    private ConsumerPolicy policy;
    private KafkaTestClient kafka;

    @BeforeEach
    void setUp() {
        KafkaResource.createTopics(1, DLQ);
        deadLetters = new DeadLetters(KafkaClientProperties.plaintext(KafkaResource.bootstrapServers()), DLQ,
                "agent-service");
        policy = new ConsumerPolicy(deadLetters, health, Duration.ofMillis(10), Duration.ofMillis(50), 3);
        kafka = new KafkaTestClient();
    }

    @AfterEach
    void tearDown() {
        kafka.close();
    }

    @Test
    void aPoisonRecordIsSetAsideWithItsReasonAndWhereItWasRead() {
        ConsumerRecord<String, byte[]> record = record("poison-1", 7, 4711);
        policy.handleBlocking(CHANNEL, record, () -> {
            throw new PoisonRecordException("conversationKey longer than 200 characters");
        });

        ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(DLQ, 1, r -> "poison-1".equals(r.key())).get(0);
        assertThat(letter.value()).isEqualTo(record.value());
        assertThat(KafkaTestClient.header(letter, "ce_id")).as("original headers kept").isEqualTo("evt-poison-1");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.REASON))
                .contains("conversationKey longer than 200 characters");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.ERROR_CLASS))
                .isEqualTo(PoisonRecordException.class.getName());
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo("switchboard.inbound.v1");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("7");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("4711");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("agent-service");
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.AT)).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(health.healthy()).isTrue();
    }

    @Test
    void anOutageIsRetriedWithReadinessDownUntilItEnds() {
        AtomicInteger attempts = new AtomicInteger();
        List<Boolean> healthySeen = new ArrayList<>();
        policy.handleBlocking(CHANNEL, record("outage-1", 0, 1), () -> {
            healthySeen.add(health.healthy());
            // Far more attempts than the unexpected-failure limit: an outage is retried for as long as it lasts.
            if (attempts.incrementAndGet() < 12) {
                throw new IllegalStateException("while routing", new ConnectException("Connection refused"));
            }
        });
        assertThat(attempts).hasValue(12);
        assertThat(healthySeen.subList(1, 12)).as("readiness DOWN while retrying").containsOnly(false);
        assertThat(health.healthy()).as("readiness UP after the success").isTrue();
        assertThat(kafka.readAll(DLQ)).noneMatch(r -> "outage-1".equals(r.key()));
    }

    @Test
    void anUnexpectedFailureIsRetriedABoundedNumberOfTimesThenSetAside() {
        AtomicInteger attempts = new AtomicInteger();
        policy.handleBlocking(CHANNEL, record("bug-1", 0, 2), () -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("a bug");
        });
        assertThat(attempts).hasValue(3);
        ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(DLQ, 1, r -> "bug-1".equals(r.key())).get(0);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.REASON)).contains("a bug");
    }

    @Test
    void theReactiveFormFollowsTheSamePolicy() {
        AtomicInteger attempts = new AtomicInteger();
        policy.handleReactive(CHANNEL, record("reactive-1", 0, 3), () -> Uni.createFrom().deferred(() -> {
            attempts.incrementAndGet();
            return attempts.get() < 4 ? Uni.createFrom().failure(new io.smallrye.mutiny.TimeoutException())
                    : Uni.createFrom().<Void>failure(new PoisonRecordException("bad after all"));
        })).await().atMost(Duration.ofSeconds(30));
        assertThat(attempts).hasValue(4);
        ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(DLQ, 1, r -> "reactive-1".equals(r.key())).get(0);
        assertThat(KafkaTestClient.header(letter, DeadLetterHeaders.REASON)).contains("bad after all");
        assertThat(health.healthy()).isTrue();
    }

    private static ConsumerRecord<String, byte[]> record(String key, int partition, long offset) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("ce_id", ("evt-" + key).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("switchboard.inbound.v1", partition, offset, 0L, TimestampType.CREATE_TIME, 0, 0,
                key, ("{\"key\":\"" + key + "\"}").getBytes(StandardCharsets.UTF_8), headers, java.util.Optional.empty());
    }
}
