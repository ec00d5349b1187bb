package io.switchboard.routing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.NetworkFaults;
import io.switchboard.testing.PostgresFaultResource;

/**
 * PostgreSQL goes away for longer than any of routing's timeouts while customer messages keep arriving: readiness
 * says so ({@code switchboard-consumers} DOWN), liveness stays UP (a restart would not bring the database back), and
 * once it is back every conversation is queued exactly once: nothing lost, nothing doubled.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(value = PostgresFaultResource.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest extends RoutingTestBase {

    private static final Duration OUTAGE = Duration.ofSeconds(9);

    @Test
    void anOutageTurnsReadinessDownKeepsLivenessUpAndEveryConversationIsQueuedExactlyOnce() throws Exception {
        // Given messages flowing (nobody available: every conversation waits)
        NetworkFaults postgres = PostgresFaultResource.network();
        List<MessageReceived> sent = new ArrayList<>();
        sendSome(sent, 5);
        assertThat(status("/q/health/ready")).isEqualTo(200);

        // When PostgreSQL is cut off while messages keep coming
        postgres.cut();
        boolean readinessDown = false;
        String downCheck = null;
        try {
            Instant until = Instant.now().plus(OUTAGE);
            while (Instant.now().isBefore(until)) {
                sendSome(sent, 1);
                Response ready = given().when().get("/q/health/ready");
                JsonPath body = ready.jsonPath();
                if (ready.statusCode() == 503 && "DOWN".equals(
                        body.getString("checks.find { it.name == 'switchboard-consumers' }.status"))) {
                    readinessDown = true;
                    downCheck = body.getString("checks.find { it.name == 'switchboard-consumers' }.data");
                }
                // Then liveness stays UP throughout
                assertThat(status("/q/health/live")).as("liveness during the outage").isEqualTo(200);
                Thread.sleep(300);
            }
        } finally {
            postgres.restore();
        }
        sendSome(sent, 5);

        // Then readiness said why while it lasted, and is UP again afterwards
        assertThat(readinessDown).as("readiness reported the consumers' outage").isTrue();
        assertThat(downCheck).contains("inbound");
        Set<String> keys = sent.stream().map(MessageReceived::conversationKey).collect(Collectors.toSet());
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(sql(
                "SELECT count(*) AS n FROM routing.conversations WHERE conversation_key = ANY($1)",
                (Object) keys.toArray(new String[0])).iterator().next().getLong("n")).isEqualTo(keys.size()));
        await().atMost(Duration.ofSeconds(60)).until(() -> status("/q/health/ready") == 200);

        // and every conversation was queued exactly once: one conversation per key, one queued event per key (the
        // relay delivers at least once; a record published twice carries the same event id, which consumers drop)
        assertThat(sql("SELECT conversation_key, count(*) AS n FROM routing.conversations"
                + " WHERE conversation_key = ANY($1) GROUP BY conversation_key HAVING count(*) > 1",
                (Object) keys.toArray(new String[0]))).isEmpty();
        kafka.awaitRecords(Topics.ROUTING, keys.size(), record -> keys.contains(record.key())
                && EventType.CONVERSATION_QUEUED.ceType().equals(KafkaTestClient.header(record,
                        CloudEventCodec.HEADER_TYPE)), Duration.ofSeconds(60));
        Map<String, Set<String>> queuedIds = kafka.readAll(Topics.ROUTING).stream()
                .filter(record -> keys.contains(record.key()) && EventType.CONVERSATION_QUEUED.ceType()
                        .equals(KafkaTestClient.header(record, CloudEventCodec.HEADER_TYPE)))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(
                        record -> KafkaTestClient.header(record, CloudEventCodec.HEADER_ID), Collectors.toSet())));
        assertThat(queuedIds).hasSize(keys.size()).allSatisfy((key, ids) -> assertThat(ids).hasSize(1));
    }

    private void sendSome(List<MessageReceived> sent, int count) {
        for (int i = 0; i < count; i++) {
            MessageReceived message = message(fresh("outage-user"));
            send(message);
            sent.add(message);
        }
    }

    private static int status(String path) {
        return given().when().get(path).statusCode();
    }
}
