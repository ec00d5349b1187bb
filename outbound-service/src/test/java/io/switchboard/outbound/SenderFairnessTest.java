package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.outbound.delivery.Command;
import io.switchboard.outbound.delivery.CommandConsumer;
import io.switchboard.outbound.delivery.ParkedCommands;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One phone number offered far more than its rate (10/s in the test profile) and more than the service holds in
 * memory for a sender (20) or for all senders (60): its excess is parked in the database, and another phone number's
 * reply goes out meanwhile instead of waiting in Kafka behind the backlog.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class SenderFairnessTest extends OutboundTestBase {

    private static final String BUSY = WireMockResource.WHATSAPP_ACCOUNT_BUSY;
    private static final String GRAPH_BUSY = "/v25.0/" + BUSY + "/messages";
    private static final String GRAPH_WA_B = "/v25.0/" + WireMockResource.WHATSAPP_ACCOUNT_B + "/messages";
    private static final int BACKLOG = 200;
    /** The test profile's max-in-flight: with a global pause, B's command was read only once this few were left. */
    private static final int GLOBAL_IN_FLIGHT = 60;

    private List<ServeEvent> served(String url) {
        return wireMock.getAllServeEvents().stream().filter(event -> event.getRequest().getUrl().equals(url))
                .collect(Collectors.toList());
    }

    @Inject
    ParkedCommands parkedCommands;

    @Inject
    CommandConsumer consumer;

    private long parked(String sender) {
        return pool.preparedQuery("SELECT count(*) AS n FROM parked_commands WHERE sender = $1")
                .execute(Tuple.of(sender)).await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n");
    }

    @Test
    void aSendersBacklogIsParkedWhileAnotherSendersReplyGoesOutAndEachIsSentOnce() {
        wireMock.stubFor(post(urlEqualTo(GRAPH_BUSY)).willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.BUSY"))));
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA_B)).willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.QUIET"))));
        List<ReplyRequested> backlog = new ArrayList<>();
        for (int i = 0; i < BACKLOG; i++) {
            backlog.add(Events.whatsappTemplate(BUSY, Events.phone()));
        }
        String quietPhone = Events.phone();
        ReplyRequested quiet = Events.whatsappTemplate(WireMockResource.WHATSAPP_ACCOUNT_B, quietPhone);

        backlog.forEach(command -> Events.send(kafka, command));
        Events.send(kafka, quiet);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, quiet.eventId(), 1).get(0));
        assertThat(accepted.attempts()).isEqualTo(1);
        List<ServeEvent> quietCalls = served(GRAPH_WA_B).stream()
                .filter(event -> event.getRequest().getBodyAsString().contains("+" + quietPhone))
                .collect(Collectors.toList());
        assertThat(quietCalls).hasSize(1);
        long quietAt = quietCalls.get(0).getRequest().getLoggedDate().getTime();
        long busyBefore = served(GRAPH_BUSY).stream()
                .filter(event -> event.getRequest().getLoggedDate().getTime() < quietAt).count();
        // Sent while most of the backlog still waited: far more than a global in-flight bound would have left.
        assertThat(BACKLOG - busyBefore).isGreaterThan(GLOBAL_IN_FLIGHT + 40);
        // The busy sender's excess waits in the database (written a little after it was read).
        await().atMost(Duration.ofSeconds(10)).until(() -> parked("whatsapp:" + BUSY) > 0);

        // Then the whole backlog, each command exactly once, and nothing left parked.
        await().atMost(Duration.ofSeconds(90)).until(() -> served(GRAPH_BUSY).size() >= BACKLOG);
        await().atMost(Duration.ofSeconds(10)).until(() -> parked("whatsapp:" + BUSY) == 0);
        Map<String, Long> sendsPerCustomer = served(GRAPH_BUSY).stream().map(event -> event.getRequest()
                .getBodyAsString()).collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        for (ReplyRequested command : backlog) {
            String to = "\"to\":\"+" + command.recipient().phone() + "\"";
            assertThat(sendsPerCustomer.entrySet().stream().filter(e -> e.getKey().contains(to))
                    .mapToLong(Map.Entry::getValue).sum()).as(command.recipient().phone()).isEqualTo(1);
        }
        Set<String> ids = backlog.stream().map(ReplyRequested::eventId).collect(Collectors.toSet());
        kafka.awaitRecords(Topics.OUTBOUND_RESULTS, BACKLOG,
                record -> ids.contains(((OutboundResultEvent) Events.read(record)).idempotencyKey()));
        List<String> acceptedIds = kafka.readAll(Topics.OUTBOUND_RESULTS).stream()
                .map(record -> header(record, "ce_id")).collect(Collectors.toList());
        for (ReplyRequested command : backlog) {
            assertThat(acceptedIds).containsOnlyOnce(command.eventId() + ":accepted");
        }
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("switchboard_outbound_parked_commands{sender=\"whatsapp:" + BUSY + "\"} 0.0"))
                .body(containsString("switchboard_outbound_paced_total{channel=\"whatsapp\"}"))
                .body(containsString("switchboard_outbound_worker_wait_seconds_count{sender=\"whatsapp:" + BUSY));
    }

    @Test
    void commandsLeftParkedByAStoppedProcessAreReadBackAtStartAndSentOnce() {
        wireMock.stubFor(post(urlEqualTo(GRAPH_BUSY)).willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.BUSY"))));
        ReplyRequested waiting = Events.whatsappTemplate(BUSY, Events.phone());
        ReplyRequested alreadySent = Events.whatsappTemplate(BUSY, Events.phone());
        // The process stopped with both parked, after it had sent the second but before it deleted its row.
        for (ReplyRequested command : List.of(waiting, alreadySent)) {
            ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(command, Events.SOURCE);
            assertThat(parkedCommands.park("whatsapp:" + BUSY, new Command(command, record.key(), record.value(),
                    record.headers())).await().atMost(Duration.ofSeconds(5))).isTrue();
        }
        pool.preparedQuery("INSERT INTO deliveries (idempotency_key, conversation_key, channel, channel_account_id, "
                + "state, attempts, channel_message_id) VALUES ($1, $2, 'whatsapp', $3, 'SENT', 1, 'wamid.EARLIER')")
                .execute(Tuple.of(alreadySent.eventId(), alreadySent.conversationKey(), BUSY))
                .await().atMost(Duration.ofSeconds(5));

        consumer.readBackLeftParked();

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, waiting.eventId(), 1).get(0));
        assertThat(accepted.attempts()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> parked("whatsapp:" + BUSY) == 0);
        assertThat(served(GRAPH_BUSY).stream().filter(event -> event.getRequest().getBodyAsString()
                .contains("+" + waiting.recipient().phone()))).hasSize(1);
        assertThat(served(GRAPH_BUSY).stream().filter(event -> event.getRequest().getBodyAsString()
                .contains("+" + alreadySent.recipient().phone()))).isEmpty();
        assertThat(deliveryState(alreadySent.eventId())).isEqualTo("SENT");
    }
}
