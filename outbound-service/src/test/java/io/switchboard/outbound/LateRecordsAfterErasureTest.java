package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.ErasureRequested;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Records requested before a customer's erasure and read after it (a reply command redelivered after a crash, an
 * inbound message read again) bring nothing of the customer back: the reply is neither sent again nor recorded, the
 * message opens no window. What the customer and agents do after the erasure works as before.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3,switchboard.erasures.v1:3,"
                + "switchboard.erasure-results.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class LateRecordsAfterErasureTest extends OutboundTestBase {

    @Test
    void aReplyAndAMessageFromBeforeTheErasureReadAfterItLeaveNoTrace() {
        String phone = Events.phone();
        String account = WireMockResource.WHATSAPP_ACCOUNT;
        String key = Channel.WHATSAPP.conversationKey(account, phone);
        Instant before = Instant.now().minusSeconds(60);
        customerWrote(Channel.WHATSAPP, account, phone, before);
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.LATE1"))));
        ReplyRequested delivered = Events.whatsapp(phone, text("Your refund is on its way"));
        Events.send(kafka, delivered);
        Events.results(kafka, delivered.eventId(), 1);
        assertThat(deliveryState(delivered.eventId())).isEqualTo("SENT");

        ErasureRequested erasure = new ErasureRequested("erasure-" + phone,
                List.of(new ErasureRequested.Identity(Channel.WHATSAPP, phone)), "ops", Instant.now());
        kafka.produce(CloudEventCodec.toRecord(erasure, Events.SOURCE));
        kafka.awaitRecords(Topics.ERASURE_RESULTS, 1, record -> erasure.erasureId().equals(record.key()));
        assertThat(deliveryState(delivered.eventId())).isNull();

        // Read again after the erasure: the customer's message of a minute ago, and the reply already sent.
        Events.send(kafka, Events.inbound(Channel.WHATSAPP, account, phone, before));
        Events.send(kafka, delivered);
        // A reply written after the erasure finds no window: the old message did not open one again (the window
        // check first applies whatever the window feed has not applied yet for the conversation).
        ReplyRequested after = new ReplyRequested(Events.id(), Channel.WHATSAPP, account, key,
                new ReplyRequested.Recipient(phone, phone, null, null), "agent-7", "Grace H.", text("Hello again"),
                Instant.now());
        Events.send(kafka, after);

        DeliveryFailed refused = (DeliveryFailed) Events.read(Events.results(kafka, after.eventId(), 1).get(0));
        assertThat(refused.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(deliveryState(delivered.eventId())).as("the redelivered reply's row").isNull();
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone))))).as("sends").hasSize(1);

        // The customer writes again: a new window, and replies go out as usual.
        customerWrote(Channel.WHATSAPP, account, phone, Instant.now());
        ReplyRequested fresh = new ReplyRequested(Events.id(), Channel.WHATSAPP, account, key,
                new ReplyRequested.Recipient(phone, phone, null, null), "agent-7", "Grace H.", text("How can I help?"),
                Instant.now());
        Events.send(kafka, fresh);
        Events.results(kafka, fresh.eventId(), 1, Duration.ofSeconds(30));
        assertThat(deliveryState(fresh.eventId())).isEqualTo("SENT");
        assertThat(pool.preparedQuery("SELECT count(*) AS n FROM erased_identities").execute(Tuple.tuple())
                .await().atMost(Duration.ofSeconds(5)).iterator().next().getLong("n")).isPositive();
    }

    private static ReplyContent text(String body) {
        return new ReplyContent(ReplyKind.TEXT, body, null, null, null, null, null);
    }
}
