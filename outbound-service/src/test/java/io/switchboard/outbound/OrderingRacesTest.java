package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.PausableChannel;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * Events about one conversation reach outbound through three consumers (commands, the inbound window feed, receipts);
 * what outbound decides must not depend on which of them ran first (issue 11).
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class OrderingRacesTest extends OutboundTestBase {

    @Inject
    ChannelRegistry channels;

    private void stubSend(String phone, String text, String wamid) {
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .withRequestBody(matchingJsonPath("$.text.body", equalTo(text)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted(wamid))));
    }

    @Test
    void aReplyReadBeforeTheWindowFeedSawTheCustomerMessageIsSentNotRefused() {
        String phone = Events.phone();
        stubSend(phone, "Right away", "wamid.RACE1");
        PausableChannel feed = channels.getPausable("inbound");
        // The window feed is behind (a restart, lag): the customer's message is on the topic, not yet in the window.
        feed.pause();
        try {
            Events.send(kafka, Events.inbound(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone,
                    Instant.now()));
            ReplyRequested reply = Events.whatsapp(phone, ReplyContent.text("Right away"));
            Events.send(kafka, reply);

            DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, reply.eventId(), 1).get(0));
            assertThat(accepted.channelMessageId()).isEqualTo("wamid.RACE1");
            assertThat(wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_WA))
                    .withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone))))).hasSize(1);
            assertThat(deliveryState(reply.eventId())).isEqualTo("SENT");
        } finally {
            feed.resume();
        }
    }

    @Test
    void aReceiptThatArrivesBeforeTheSendIsRecordedIsKeptAndAppliedThen() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        stubSend(phone, "First", "wamid.KNOWN1");
        stubSend(phone, "Second", "wamid.EARLY1");
        ReplyRequested first = Events.whatsapp(phone, ReplyContent.text("First"));
        Events.send(kafka, first);
        Events.results(kafka, first.eventId(), 1);

        // The channel's webhook for the second message overtakes outbound's own record of the send.
        Events.send(kafka, Events.receipt(first.conversationKey(), "wamid.EARLY1", DeliveryState.DELIVERED));
        // Same conversation, same partition, read after it: once this one is merged, the early one has been read.
        Events.send(kafka, Events.receipt(first.conversationKey(), "wamid.KNOWN1", DeliveryState.DELIVERED));
        Events.results(kafka, first.eventId(), 2);

        ReplyRequested second = Events.whatsapp(phone, ReplyContent.text("Second"));
        Events.send(kafka, second);

        List<ConsumerRecord<String, byte[]>> results = Events.results(kafka, second.eventId(), 2);
        assertThat(Events.read(results.get(0))).isInstanceOf(DeliveryAccepted.class);
        DeliveryProgressed progressed = (DeliveryProgressed) Events.read(results.get(1));
        assertThat(progressed.status()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(progressed.channelMessageId()).isEqualTo("wamid.EARLY1");
        assertThat(results.get(1).topic()).isEqualTo(Topics.OUTBOUND_RESULTS);
    }
}
