package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * Instagram may report a read without {@code sender}: ingress publishes it under the account's key, without a
 * recipient, naming only the mid; the delivery of that mid still moves to read.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class SenderlessReceiptTest extends OutboundTestBase {

    private static final String GRAPH_IG = "/v25.0/" + WireMockResource.INSTAGRAM_ACCOUNT + "/messages";

    @Test
    void anInstagramReadWithoutSenderMovesTheDeliveryOfItsMid() {
        String igsid = "1205791" + Events.phone();
        String mid = "aWdfZAG1faXRlbT" + Events.phone();
        customerWrote(Channel.INSTAGRAM, WireMockResource.INSTAGRAM_ACCOUNT, igsid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_IG)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(igsid)))
                .willReturn(okJson("{\"recipient_id\":\"" + igsid + "\",\"message_id\":\"" + mid + "\"}")));
        ReplyRequested command = Events.reply(Channel.INSTAGRAM, WireMockResource.INSTAGRAM_ACCOUNT,
                new ReplyRequested.Recipient(igsid, null, null, null), "42", ReplyContent.text("We ship to Canada."));
        Events.send(kafka, command);
        Events.results(kafka, command.eventId(), 1);

        Events.send(kafka, new DeliveryStatusChanged("ig:" + mid + ":read", Channel.INSTAGRAM,
                WireMockResource.INSTAGRAM_ACCOUNT, "ig:" + WireMockResource.INSTAGRAM_ACCOUNT, null, mid,
                DeliveryState.READ, null, List.of(), null, null, Instant.now(), Instant.now(),
                new RawRef(Topics.RAW_WEBHOOKS, 0, 0)));

        DeliveryProgressed read = (DeliveryProgressed) Events.read(Events.results(kafka, command.eventId(), 2).get(1));
        assertThat(read.status()).isEqualTo(DeliveryState.READ);
        assertThat(read.channelMessageId()).isEqualTo(mid);
        assertThat(read.conversationKey()).isEqualTo(command.conversationKey());
    }
}
