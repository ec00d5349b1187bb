package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.messaging.deadletter.DeadLetterHeaders;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * Each consumer (commands, the inbound window feed, receipts) sets a record it cannot use aside on outbound's
 * dead-letter topic, in the one format (docs/asyncapi.yaml DeadLetterHeaders) with the reason, and goes on with the
 * next record: nothing is logged and dropped, nothing stops the partition.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class PoisonRecordsTest extends OutboundTestBase {

    private static final byte[] GARBAGE = "{\"eventId\": \"unterminated".getBytes(StandardCharsets.UTF_8);

    private void garbage(String topic, String key, String ceType) {
        kafka.produce(topic, key, GARBAGE, Map.of("ce_type", ceType, "ce_id", "garbage-" + key));
    }

    /** The dead letters of conversation {@code key}: by record key, or by subject (commands are keyed by sender). */
    private List<ConsumerRecord<String, byte[]>> letters(String sourceTopic, String key, int count) {
        return kafka.awaitRecords(Topics.OUTBOUND_DEAD_LETTER, count,
                record -> sourceTopic.equals(header(record, DeadLetterHeaders.SOURCE_TOPIC))
                        && (key.equals(record.key()) || key.equals(header(record, "ce_subject"))));
    }

    private static void assertLetterFormat(ConsumerRecord<String, byte[]> letter) {
        assertThat(header(letter, DeadLetterHeaders.SERVICE)).isEqualTo("outbound-service");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_PARTITION)).matches("[0-9]+");
        assertThat(header(letter, DeadLetterHeaders.SOURCE_OFFSET)).matches("[0-9]+");
        assertThat(header(letter, DeadLetterHeaders.AT)).isNotBlank();
        assertThat(header(letter, DeadLetterHeaders.ERROR_CLASS)).isNotBlank();
    }

    @Test
    void commandsThatCannotBeReadOrBreakTheBoundsAreDeadLetteredAndTheNextIsSent() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.AFTERPOISON"))));
        ReplyRequested good = Events.whatsapp(phone, ReplyContent.text("After the poison"));
        String key = good.conversationKey();
        // All on the sender's partition, in this order: the good command comes after the three bad ones.
        kafka.produce(Topics.OUTBOUND, good.recordKey(), GARBAGE, Map.of("ce_type", "switchboard.reply.requested",
                "ce_id", "garbage-" + key, "ce_subject", key));
        ReplyRequested oversize = new ReplyRequested("cmd-" + "x".repeat(400), good.channel(),
                good.channelAccountId(), key, good.recipient(), good.agentId(), good.agentDisplayName(),
                good.content(), good.occurredAt());
        Events.send(kafka, oversize);
        ReplyRequested nul = new ReplyRequested(Events.id(), good.channel(), good.channelAccountId(), key,
                good.recipient(), "agent\u00007", good.agentDisplayName(), good.content(), good.occurredAt());
        Events.send(kafka, nul);
        Events.send(kafka, good);

        assertThat(Events.read(Events.results(kafka, good.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        List<ConsumerRecord<String, byte[]>> letters = letters(Topics.OUTBOUND, key, 3);
        letters.forEach(PoisonRecordsTest::assertLetterFormat);
        assertThat(letters.get(0).value()).isEqualTo(GARBAGE);
        assertThat(header(letters.get(0), DeadLetterHeaders.ERROR_CLASS)).contains("jackson");
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON)).contains("eventId longer than 300 characters");
        assertThat(header(letters.get(2), DeadLetterHeaders.REASON)).contains("agentId contains a NUL character");
        assertThat(deliveryState(nul.eventId())).isNull();
    }

    @Test
    void inboundEventsThatCannotBeReadAreDeadLetteredAndTheNextOpensTheWindow() {
        String phone = Events.phone();
        String key = Channel.WHATSAPP.conversationKey(WireMockResource.WHATSAPP_ACCOUNT, phone);
        garbage(Topics.INBOUND, key, "switchboard.message.received");
        MessageReceived good = Events.inbound(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone,
                Instant.now());
        MessageReceived oversize = new MessageReceived(good.eventId(), good.channel(), good.channelAccountId(),
                key + "z".repeat(400), good.customer(), good.externalMessageId(), good.occurredAt(),
                good.receivedAt(), good.content(), good.raw());
        kafka.produce(Topics.INBOUND, key, io.switchboard.events.CloudEventCodec.data(oversize),
                Map.of("ce_type", "switchboard.message.received", "ce_id", oversize.eventId()));

        // The good one, after both on the same partition, opens the window.
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        List<ConsumerRecord<String, byte[]>> letters = letters(Topics.INBOUND, key, 2);
        letters.forEach(PoisonRecordsTest::assertLetterFormat);
        assertThat(letters.get(0).value()).isEqualTo(GARBAGE);
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON))
                .contains("conversationKey longer than 300 characters");
    }

    @Test
    void receiptsThatCannotBeReadAreDeadLetteredAndTheNextIsMerged() {
        String phone = Events.phone();
        customerWrote(Channel.WHATSAPP, WireMockResource.WHATSAPP_ACCOUNT, phone, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_WA)).withRequestBody(matchingJsonPath("$.to", equalTo("+" + phone)))
                .willReturn(okJson(WhatsAppDeliveryTest.accepted("wamid.RECEIPTPOISON"))));
        ReplyRequested command = Events.whatsapp(phone, ReplyContent.text("Receipts follow"));
        Events.send(kafka, command);
        Events.results(kafka, command.eventId(), 1);

        garbage(Topics.STATUS, command.conversationKey(), "switchboard.delivery.status-changed");
        Events.send(kafka, Events.receipt(command.conversationKey(), "wamid.RECEIPTPOISON\u0000",
                DeliveryState.READ));
        Events.send(kafka, Events.receipt(command.conversationKey(), "wamid.RECEIPTPOISON", DeliveryState.DELIVERED));

        DeliveryProgressed progressed = (DeliveryProgressed) Events.read(
                Events.results(kafka, command.eventId(), 2).get(1));
        assertThat(progressed.status()).isEqualTo(DeliveryState.DELIVERED);
        List<ConsumerRecord<String, byte[]>> letters = letters(Topics.STATUS, command.conversationKey(), 2);
        letters.forEach(PoisonRecordsTest::assertLetterFormat);
        assertThat(letters.get(0).value()).isEqualTo(GARBAGE);
        assertThat(header(letters.get(1), DeadLetterHeaders.REASON))
                .contains("contains a NUL character");
    }
}
