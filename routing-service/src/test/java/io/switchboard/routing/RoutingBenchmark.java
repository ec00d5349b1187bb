package io.switchboard.routing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;

/**
 * Offers and assignments per second, and inbound → offered and accepted → assigned latency (producer send time to
 * the routing record's timestamp), through the real broker and database. Off by default:
 * {@code ./mvnw -pl routing-service -am verify -Dtest=RoutingBenchmark -Drouting.benchmark=true
 * -Dsurefire.failIfNoSpecifiedTests=false [-Drouting.benchmark.conversations=500]}.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@EnabledIfSystemProperty(named = "routing.benchmark", matches = "true")
class RoutingBenchmark extends RoutingTestBase {

    @Test
    void offersAndAssignments() {
        int conversations = Integer.getInteger("routing.benchmark.conversations", 500);
        int agents = 10;
        for (int i = 0; i < agents; i++) {
            availableAgent(fresh("bench-" + i), Duration.ofMinutes(i + 1), conversations);
        }
        Map<String, Long> sentAt = new HashMap<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < conversations; i++) {
            MessageReceived message = message(fresh("bench-user"));
            sentAt.put(message.conversationKey(), System.currentTimeMillis());
            send(message);
        }
        List<ConsumerRecord<String, byte[]>> offered = kafka.awaitRecords(Topics.ROUTING, conversations,
                record -> sentAt.containsKey(record.key()) && EventType.CONVERSATION_OFFERED.ceType()
                        .equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE)), Duration.ofMinutes(5));
        report("inbound -> offered", start, offered, sentAt);

        Map<String, Long> acceptedAt = new HashMap<>();
        long acceptStart = System.currentTimeMillis();
        for (ConsumerRecord<String, byte[]> record : offered) {
            ConversationOffered offer = (ConversationOffered) decode(record);
            acceptedAt.put(offer.conversationKey(), System.currentTimeMillis());
            send(new OfferAccepted(fresh("req"), offer.channel(), offer.channelAccountId(), offer.conversationKey(),
                    offer.conversationId(), offer.agentId(), offer.offerId(), Instant.now()));
        }
        List<ConsumerRecord<String, byte[]>> assigned = kafka.awaitRecords(Topics.ROUTING, conversations,
                record -> acceptedAt.containsKey(record.key()) && EventType.CONVERSATION_ASSIGNED.ceType()
                        .equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE)), Duration.ofMinutes(5));
        report("accepted -> assigned", acceptStart, assigned, acceptedAt);
    }

    private static void report(String what, long start, List<ConsumerRecord<String, byte[]>> records,
            Map<String, Long> sentAt) {
        List<Long> latencies = new ArrayList<>();
        long last = start;
        for (ConsumerRecord<String, byte[]> record : records) {
            latencies.add(record.timestamp() - sentAt.get(record.key()));
            last = Math.max(last, record.timestamp());
        }
        Collections.sort(latencies);
        double seconds = Math.max(1, last - start) / 1000.0;
        System.out.printf("BENCHMARK %s: %d in %.2f s = %.1f/s; latency ms p50=%d p95=%d max=%d%n", what,
                records.size(), seconds, records.size() / seconds, latencies.get(latencies.size() / 2),
                latencies.get((int) (latencies.size() * 0.95)), latencies.get(latencies.size() - 1));
    }
}
