package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
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

import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.conformance.ReplyShape;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.custom.CustomSourceSender;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class MetaAndCustomDeliveryTest extends OutboundTestBase {

    static final String GRAPH_FB = "/v25.0/" + WireMockResource.MESSENGER_PAGE + "/messages";
    static final String GRAPH_IG = "/v25.0/" + WireMockResource.INSTAGRAM_ACCOUNT + "/messages";

    private static String psid() {
        return "72144894" + Events.phone();
    }

    @Test
    void messengerRepliesInsideTheWindowAsResponseWithQuickReplies() {
        String psid = psid();
        customerWrote(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE, psid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_FB)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_AG5Hz2Uq7tuw\"}")));
        ReplyRequested command = Events.reply(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE,
                new ReplyRequested.Recipient(psid, null, null, null), "42",
                new ReplyContent(ReplyKind.INTERACTIVE, "Pick a color:", null, null,
                        new ReplyContent.Interactive("button", null, null, null, List.of(
                                new ReplyContent.Interactive.Choice("COLOR_RED", "Red", null),
                                new ReplyContent.Interactive.Choice("COLOR_GREEN", "Green", null)), null), null, null));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo("m_AG5Hz2Uq7tuw");
        wireMock.verify(1, postRequestedFor(urlEqualTo(GRAPH_FB)).withHeader("Authorization", equalTo("Bearer page-test-token"))
                .withRequestBody(equalToJson("{\"recipient\":{\"id\":\"" + psid + "\"},\"messaging_type\":\"RESPONSE\","
                        + "\"message\":{\"text\":\"Pick a color:\",\"quick_replies\":["
                        + "{\"content_type\":\"text\",\"title\":\"Red\",\"payload\":\"COLOR_RED\"},"
                        + "{\"content_type\":\"text\",\"title\":\"Green\",\"payload\":\"COLOR_GREEN\"}],"
                        + "\"metadata\":\"agent:42\"}}")));
    }

    @Test
    void messengerDeliveryWatermarkCoversTheMessagesSentBeforeIt() {
        String psid = psid();
        customerWrote(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE, psid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_FB)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_WATERMARKED\"}")));
        ReplyRequested command = Events.reply(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE,
                new ReplyRequested.Recipient(psid, null, null, null), "42", ReplyContent.text("On its way"));
        Events.send(kafka, command);
        Events.results(kafka, command.eventId(), 1);

        Events.send(kafka, new DeliveryStatusChanged("fb:" + psid + ":read", Channel.MESSENGER,
                WireMockResource.MESSENGER_PAGE, command.conversationKey(), psid, null, DeliveryState.READ,
                Instant.now().plusSeconds(5), List.of(), null, null, Instant.now(), Instant.now(),
                new RawRef(Topics.RAW_WEBHOOKS, 0, 0)));

        DeliveryProgressed read = (DeliveryProgressed) Events.read(Events.results(kafka, command.eventId(), 2).get(1));
        assertThat(read.status()).isEqualTo(DeliveryState.READ);
        assertThat(read.channelMessageId()).isEqualTo("m_WATERMARKED");
    }

    @Test
    void messengerHumanAgentReplyAfterADayIsTaggedAndABotReplyIsRefused() {
        String psid = psid();
        customerWrote(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE, psid, Instant.now().minus(Duration.ofDays(2)));
        wireMock.stubFor(post(urlEqualTo(GRAPH_FB)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid)))
                .willReturn(okJson("{\"recipient_id\":\"" + psid + "\",\"message_id\":\"m_TAGGED\"}")));
        ReplyRequested human = Events.reply(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE,
                new ReplyRequested.Recipient(psid, null, null, null), "42", new ReplyContent(ReplyKind.MEDIA, null,
                        new ReplyContent.Media("image", "https://cdn.example/label.png", null, null), null, null, null, null));
        ReplyRequested bot = Events.reply(Channel.MESSENGER, WireMockResource.MESSENGER_PAGE,
                new ReplyRequested.Recipient(psid, null, null, null), null, ReplyContent.text("Automated follow-up"));

        Events.send(kafka, human);
        Events.send(kafka, bot);

        assertThat(Events.read(Events.results(kafka, human.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        DeliveryFailed refused = (DeliveryFailed) Events.read(Events.results(kafka, bot.eventId(), 1).get(0));
        assertThat(refused.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(refused.templateRequired()).isFalse();
        assertThat(refused.reason()).contains("HUMAN_AGENT");
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(GRAPH_FB))
                .withRequestBody(matchingJsonPath("$.recipient.id", equalTo(psid))));
        assertThat(requests).hasSize(1);
        assertThat(requests.get(0).getBodyAsString()).isEqualTo("{\"recipient\":{\"id\":\"" + psid + "\"},"
                + "\"messaging_type\":\"MESSAGE_TAG\",\"tag\":\"HUMAN_AGENT\",\"message\":{\"attachment\":{"
                + "\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.example/label.png\",\"is_reusable\":true}},"
                + "\"metadata\":\"agent:42\"}}");
    }

    @Test
    void instagramWindowErrorIsReportedAsWindowClosed() {
        String igsid = "1205791" + Events.phone();
        customerWrote(Channel.INSTAGRAM, WireMockResource.INSTAGRAM_ACCOUNT, igsid, Instant.now());
        wireMock.stubFor(post(urlEqualTo(GRAPH_IG)).withRequestBody(matchingJsonPath("$.recipient.id", equalTo(igsid)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"message\":\"(#10) This message is sent outside of allowed window.\","
                                + "\"type\":\"OAuthException\",\"code\":10,\"error_subcode\":2534022,"
                                + "\"fbtrace_id\":\"AbC\"}}")));
        ReplyRequested command = Events.reply(Channel.INSTAGRAM, WireMockResource.INSTAGRAM_ACCOUNT,
                new ReplyRequested.Recipient(igsid, null, null, null), "42", ReplyContent.text("Do you ship to Canada? Yes."));

        Events.send(kafka, command);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.code()).isEqualTo(10);
        assertThat(failed.subcode()).isEqualTo(2534022);
        assertThat(failed.category()).isEqualTo(FailureCategory.WINDOW_CLOSED);
        assertThat(failed.templateRequired()).isFalse();
        wireMock.verify(1, postRequestedFor(urlEqualTo(GRAPH_IG)).withRequestBody(equalToJson("{\"recipient\":{\"id\":\""
                + igsid + "\"},\"messaging_type\":\"RESPONSE\",\"message\":{\"text\":\"Do you ship to Canada? Yes.\","
                + "\"metadata\":\"agent:42\"}}")));
    }

    @Test
    void customSourceCallbackIsSignedOverTimestampAndBody() throws Exception {
        String conversation = "conv_" + Events.phone();
        wireMock.stubFor(post(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation)))
                .willReturn(okJson("{\"external_id\":\"out_99\"}")));
        ReplyRequested command = Events.reply(Channel.CUSTOM, WireMockResource.CUSTOM_SOURCE,
                new ReplyRequested.Recipient("cust_42", null, null, conversation), "agent_17",
                new ReplyContent(ReplyKind.TEXT, "It ships tomorrow.", null, null, null, null, "msg_7781"));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo("out_99");
        List<LoggedRequest> requests = wireMock.findAll(postRequestedFor(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation))));
        assertThat(requests).hasSize(1);
        LoggedRequest request = requests.get(0);
        String body = request.getBodyAsString();
        assertThat(ReplyShape.violations(CloudEventCodec.JSON.readTree(body))).isEmpty();
        assertThat(body).isEqualTo("{\"type\":\"message\",\"message_id\":\"" + command.eventId() + "\","
                + "\"created_at\":\"2026-11-25T10:00:00Z\",\"conversation\":{\"external_id\":\"" + conversation + "\"},"
                + "\"user\":{\"external_id\":\"cust_42\"},\"agent\":{\"id\":\"agent_17\",\"display_name\":\"Grace H.\"},"
                + "\"message\":{\"text\":\"It ships tomorrow.\",\"reply_to\":\"msg_7781\"}}");
        String timestamp = request.getHeader("X-Timestamp");
        assertThat(Long.parseLong(timestamp)).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(60L));
        assertThat(request.getHeader("X-Signature-256")).isEqualTo(CustomSourceSender.sign("acme-secret", timestamp, body));
        assertThat(request.getHeader("Idempotency-Key")).isEqualTo(command.eventId());
    }

    @Test
    void customSourceMediaReplyCarriesTypeAndCaption() {
        String conversation = "conv_" + Events.phone();
        wireMock.stubFor(post(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation)))
                .willReturn(okJson("{\"external_id\":\"out_100\"}")));
        ReplyRequested photo = Events.reply(Channel.CUSTOM, WireMockResource.CUSTOM_SOURCE,
                new ReplyRequested.Recipient("cust_42", null, null, conversation), "agent_17",
                new ReplyContent(ReplyKind.MEDIA, null, new ReplyContent.Media("image",
                        "https://files.example/label.png", "Your return label", "label.png"), null, null, null, null));
        ReplyRequested pdf = Events.reply(Channel.CUSTOM, WireMockResource.CUSTOM_SOURCE,
                new ReplyRequested.Recipient("cust_42", null, null, conversation), "agent_17",
                new ReplyContent(ReplyKind.MEDIA, null, new ReplyContent.Media("file",
                        "https://files.example/invoice.pdf", null, "invoice.pdf"), null, null, null, null));

        Events.send(kafka, photo);
        Events.results(kafka, photo.eventId(), 1);
        Events.send(kafka, pdf);
        Events.results(kafka, pdf.eventId(), 1);

        List<String> bodies = wireMock.findAll(postRequestedFor(urlEqualTo(WireMockResource.CUSTOM_CALLBACK_PATH))
                .withRequestBody(matchingJsonPath("$.conversation.external_id", equalTo(conversation))))
                .stream().map(LoggedRequest::getBodyAsString).toList();
        // §7.1: type always, filename only for documents, the caption as message.text (the kit's CS-7.8).
        assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(ReplyShape.violations(
                CloudEventCodec.JSON.readTree(body))).isEmpty());
        assertThat(bodies).anySatisfy(body -> assertThat(body).contains("\"user\":{\"external_id\":\"cust_42\"}")
                .endsWith("\"message\":{\"text\":\"Your return label\",\"media\":[{\"url\":"
                        + "\"https://files.example/label.png\",\"type\":\"image\"}]}}"));
        assertThat(bodies).anySatisfy(body -> assertThat(body).endsWith("\"message\":{\"media\":[{\"url\":"
                + "\"https://files.example/invoice.pdf\",\"type\":\"document\",\"filename\":\"invoice.pdf\"}]}}"));
    }

    @Test
    void anUnknownAccountFailsUnsentAndIsDeadLettered() {
        ReplyRequested command = Events.reply(Channel.WHATSAPP, "999000111",
                new ReplyRequested.Recipient("15550001111", "15550001111", null, null), "42", ReplyContent.text("hi"));

        Events.send(kafka, command);

        DeliveryFailed failed = (DeliveryFailed) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(failed.category()).isEqualTo(FailureCategory.NOT_SUPPORTED);
        assertThat(failed.reason()).contains("No configuration for whatsapp account 999000111");
        assertThat(failed.attempts()).isZero();
    }
}
