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
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallDirection;
import io.switchboard.events.CallReceived;
import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/** A customer's call opens the 24-hour window like a message (docs/channels.md §2.11); an old call does not. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class CallWindowTest extends OutboundTestBase {

    private static final String ACCOUNT = WireMockResource.WHATSAPP_ACCOUNT;

    @Test
    void aReplyAfterTheCustomersCallGoesOutAsFreeText() {
        String phone = Events.phone();
        called(phone, Instant.now().minus(Duration.ofHours(2)));
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.AFTERCALL"))));

        ReplyRequested reply = reply(phone);
        Events.send(kafka, reply);

        assertThat(Events.read(Events.results(kafka, reply.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA))
                .withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone))))).hasSize(1);
    }

    @Test
    void aCallMoreThanADayAgoLeavesTheWindowClosed() {
        String phone = Events.phone();
        called(phone, Instant.now().minus(Duration.ofHours(30)));

        ReplyRequested reply = reply(phone);
        Events.send(kafka, reply);

        DeliveryFailed refused = (DeliveryFailed) Events.read(Events.results(kafka, reply.eventId(), 1).get(0));
        assertThat(refused.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(refused.templateRequired()).isTrue();
    }

    private void called(String phone, Instant at) {
        String key = Channel.WHATSAPP.conversationKey(ACCOUNT, phone);
        Events.send(kafka, new CallReceived("wa:call:wacid." + UUID.randomUUID() + ":connect", Channel.WHATSAPP,
                ACCOUNT, key, Customer.of(phone, Map.of("wa_id", phone)), "wacid.x", CallDirection.USER_INITIATED, at,
                Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0)));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pool
                .preparedQuery("SELECT 1 FROM conversation_windows WHERE conversation_key = $1")
                .execute(io.vertx.mutiny.sqlclient.Tuple.of(key)).await().atMost(Duration.ofSeconds(5)).size() == 1);
    }

    private static ReplyRequested reply(String phone) {
        return new ReplyRequested(Events.id(), Channel.WHATSAPP, ACCOUNT, Channel.WHATSAPP.conversationKey(ACCOUNT,
                phone), new ReplyRequested.Recipient(phone, phone, null, null), "agent-7", "Grace H.",
                ReplyContent.text("You called us?"), Instant.now());
    }
}
