package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A custom source chooses its own message ids, so two sources may return the same one: a receipt only touches the
 * deliveries of the source (account) it came from, whether it arrives after the send was recorded or before.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class CustomReceiptIsolationTest extends OutboundTestBase {

    private static final String INTRUDER = "intruder";

    @Test
    void anotherSourcesReceiptForTheSameMessageIdChangesNothing() {
        String messageId = "out_" + UUID.randomUUID();
        ReplyRequested command = sendThroughAcme(messageId);

        DeliveryStatusChanged foreign = receipt(INTRUDER, messageId, DeliveryState.READ);
        Events.send(kafka, foreign);
        awaitKept(foreign);
        assertOnlyResults(command, 1);

        Events.send(kafka, receipt(WireMockResource.CUSTOM_SOURCE, messageId, DeliveryState.DELIVERED));
        DeliveryProgressed own = (DeliveryProgressed) Events.read(Events.results(kafka, command.eventId(), 2).get(1));
        assertThat(own.status()).isEqualTo(DeliveryState.DELIVERED);
        assertOnlyResults(command, 2);
    }

    @Test
    void anotherSourcesReceiptThatCameBeforeTheSendIsNotAppliedToIt() {
        String messageId = "out_" + UUID.randomUUID();
        DeliveryStatusChanged foreign = receipt(INTRUDER, messageId, DeliveryState.READ);
        Events.send(kafka, foreign);
        awaitKept(foreign);

        ReplyRequested command = sendThroughAcme(messageId);

        assertOnlyResults(command, 1);
        assertThat(kept(foreign)).as("still waiting for a send of its own source").isTrue();
    }

    private ReplyRequested sendThroughAcme(String messageId) {
        String conversation = "conv_" + Events.phone();
        wireMock.stubFor(post(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation)))
                .willReturn(okJson("{\"external_id\":\"" + messageId + "\"}")));
        ReplyRequested command = Events.reply(Channel.CUSTOM, WireMockResource.CUSTOM_SOURCE,
                new ReplyRequested.Recipient("cust_42", null, null, conversation), "agent_17",
                ReplyContent.text("It ships tomorrow."));
        Events.send(kafka, command);
        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo(messageId);
        return command;
    }

    /** For two seconds, the command has exactly {@code count} results. */
    private void assertOnlyResults(ReplyRequested command, int count) {
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> results(command).size() == count);
    }

    private List<OutboundResultEvent> results(ReplyRequested command) {
        return kafka.readAll(Topics.OUTBOUND_RESULTS).stream().map(Events::read)
                .filter(OutboundResultEvent.class::isInstance).map(OutboundResultEvent.class::cast)
                .filter(result -> command.eventId().equals(result.idempotencyKey())).toList();
    }

    private void awaitKept(DeliveryStatusChanged receipt) {
        await().atMost(Duration.ofSeconds(30)).until(() -> kept(receipt));
    }

    private boolean kept(DeliveryStatusChanged receipt) {
        return pool.preparedQuery("SELECT 1 FROM pending_receipts WHERE receipt_id = $1")
                .execute(Tuple.of(receipt.eventId())).await().atMost(Duration.ofSeconds(5)).size() == 1;
    }

    /** A receipt as ingress normalizes it from source {@code source}: its account and conversation key are its own. */
    private static DeliveryStatusChanged receipt(String source, String messageId, DeliveryState state) {
        return new DeliveryStatusChanged("custom:" + source + ":" + UUID.randomUUID(), Channel.CUSTOM, source,
                Channel.CUSTOM.conversationKey(source, "conv_" + messageId), null, messageId, state, null, List.of(),
                null, null, Instant.now(), Instant.now(), new RawRef(Topics.RAW_WEBHOOKS, 0, 0));
    }
}
