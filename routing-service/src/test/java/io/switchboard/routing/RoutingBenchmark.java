package io.switchboard.routing;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * Assignments per second and inbound → assigned latency (producer send time to the {@code assigned} record's broker
 * timestamp) through the real broker and database, next to the raw produce rate of the same broker with the same
 * records as the physical reference. A direct-assignment queue, so each conversation is one routing decision.
 * Not part of the suite (off unless asked):
 * {@code ./mvnw -o -pl routing-service -am verify -Dtest=RoutingBenchmark -Drouting.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false [-Drouting.benchmark.conversations=2000]}
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@EnabledIfSystemProperty(named = "routing.benchmark", matches = "true")
class RoutingBenchmark extends RoutingTestBase {

    private static final String RAW_TOPIC = "switchboard.bench.raw.v1";

    @Test
    void assignmentsPerSecondAgainstTheRawProduceRate() throws Exception {
        int conversations = Integer.getInteger("routing.benchmark.conversations", 2000);
        String account = fresh("bench");
        given().contentType(ContentType.JSON).body(Map.of("match", "channelAccountId == '" + account + "'",
                "directAssignment", true)).when().put("/routing/queues/" + fresh("bench")).then().statusCode(200);
        for (int i = 0; i < 10; i++) {
            availableAgent(fresh("bench-" + i), Duration.ofMinutes(i + 1), conversations);
        }
        List<MessageReceived> messages = new ArrayList<>();
        for (int i = 0; i < conversations; i++) {
            messages.add(message(account, fresh("bench-user"), "hello"));
        }

        try (KafkaProducer<String, byte[]> producer = producer()) {
            // The physical reference: the same records, produced to a topic nobody reads.
            long rawStart = System.nanoTime();
            await(messages.stream().map(m -> producer.send(record(m, RAW_TOPIC))).toList());
            double rawSeconds = (System.nanoTime() - rawStart) / 1e9;

            Map<String, Long> sentAt = new ConcurrentHashMap<>();
            long start = System.currentTimeMillis();
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (MessageReceived message : messages) {
                sentAt.put(message.conversationKey(), System.currentTimeMillis());
                sends.add(producer.send(record(message, Topics.INBOUND)));
            }
            await(sends);
            List<ConsumerRecord<String, byte[]>> assigned = kafka.awaitRecords(Topics.ROUTING, conversations,
                    record -> sentAt.containsKey(record.key()) && EventType.CONVERSATION_ASSIGNED.ceType()
                            .equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE)),
                    Duration.ofMinutes(10));
            System.out.printf("BENCHMARK raw produce: %d records in %.2f s = %.0f/s%n", conversations, rawSeconds,
                    conversations / rawSeconds);
            report(start, assigned, sentAt);
        }
    }

    private static void report(long start, List<ConsumerRecord<String, byte[]>> records, Map<String, Long> sentAt) {
        List<Long> latencies = new ArrayList<>();
        long last = start;
        for (ConsumerRecord<String, byte[]> record : records) {
            latencies.add(record.timestamp() - sentAt.get(record.key()));
            last = Math.max(last, record.timestamp());
        }
        Collections.sort(latencies);
        double seconds = Math.max(1, last - start) / 1000.0;
        System.out.printf("BENCHMARK inbound -> assigned: %d in %.2f s = %.1f assignments/s; latency ms p50=%d"
                + " p99=%d max=%d%n", records.size(), seconds, records.size() / seconds,
                latencies.get(latencies.size() / 2), latencies.get((int) (latencies.size() * 0.99)),
                latencies.get(latencies.size() - 1));
    }

    private static ProducerRecord<String, byte[]> record(MessageReceived message, String topic) {
        ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(message, SOURCE);
        return new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers());
    }

    private KafkaProducer<String, byte[]> producer() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        settings.put(ProducerConfig.ACKS_CONFIG, "all");
        settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, 1);
        return new KafkaProducer<>(settings, new StringSerializer(), new ByteArraySerializer());
    }

    private static void await(List<Future<RecordMetadata>> sends) throws Exception {
        for (Future<RecordMetadata> send : sends) {
            send.get(60, TimeUnit.SECONDS);
        }
    }
}
