package io.switchboard.outbound;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/**
 * Replies through the Telegram Bot API stand-in: the method and the bot token in the path, the exact body, the
 * message id of the answer, and Telegram's errors (docs/channels.md §5.4, §6.5). No customer message comes first:
 * Telegram has no messaging window.
 */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class TelegramDeliveryTest extends OutboundTestBase {

    static final String BOT_PATH = "/bot" + WireMockResource.TELEGRAM_TOKEN + "/";

    private static String chatId() {
        return String.valueOf(900_000_000L + ThreadLocalRandom.current().nextLong(99_999_999L));
    }

    private static ReplyRequested reply(String chat, ReplyContent content) {
        return Events.reply(Channel.TELEGRAM, WireMockResource.TELEGRAM_BOT,
                new ReplyRequested.Recipient(chat, null, null, null), "42", content);
    }

    private static String sent(String chat, int messageId) {
        return "{\"ok\":true,\"result\":{\"message_id\":" + messageId + ",\"from\":{\"id\":7000000001,\"is_bot\":true,"
                + "\"first_name\":\"AcmeSupportBot\",\"username\":\"acme_support_bot\"},\"chat\":{\"id\":" + chat
                + ",\"type\":\"private\"},\"date\":1761380100,\"text\":\"sent\"}}";
    }

    @Test
    void aQuotedTextReplyIsSendMessageWithTheTokenInThePathAndTheAnswersMessageId() {
        String chat = chatId();
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(chat)))
                .willReturn(okJson(sent(chat, 326))));
        ReplyRequested command = reply(chat, new ReplyContent(ReplyKind.TEXT,
                "Hi Danil, an agent will be with you shortly.", null, null, null, null, "323"));

        Events.send(kafka, command);

        DeliveryAccepted accepted = (DeliveryAccepted) Events.read(Events.results(kafka, command.eventId(), 1).get(0));
        assertThat(accepted.channelMessageId()).isEqualTo("326");
        assertThat(accepted.conversationKey()).isEqualTo("tg:" + WireMockResource.TELEGRAM_BOT + ":" + chat);
        wireMock.verify(1, postRequestedFor(urlEqualTo(BOT_PATH + "sendMessage")).withRequestBody(equalToJson(
                "{\"chat_id\":" + chat + ",\"text\":\"Hi Danil, an agent will be with you shortly.\","
                        + "\"reply_parameters\":{\"message_id\":323,\"allow_sending_without_reply\":true}}")));
        // Accepted is final: Telegram sends bots no receipts.
        assertThat(deliveryState(command.eventId())).isEqualTo("SENT");
    }

    @Test
    void mediaGoesByUrlWithItsCaptionThroughTheMethodOfItsKind() {
        String chat = chatId();
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendPhoto")).willReturn(okJson(sent(chat, 400))));
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendDocument")).willReturn(okJson(sent(chat, 401))));
        ReplyRequested photo = reply(chat, new ReplyContent(ReplyKind.MEDIA, null,
                new ReplyContent.Media("image", "https://cdn.example/label.png", "Your return label", null), null,
                null, null, null));
        ReplyRequested document = reply(chat, new ReplyContent(ReplyKind.MEDIA, null,
                new ReplyContent.Media("document", "https://cdn.example/invoice.pdf", null, "invoice.pdf"), null,
                null, null, null));

        Events.send(kafka, photo);
        assertThat(((DeliveryAccepted) Events.read(Events.results(kafka, photo.eventId(), 1).get(0)))
                .channelMessageId()).isEqualTo("400");
        Events.send(kafka, document);
        assertThat(((DeliveryAccepted) Events.read(Events.results(kafka, document.eventId(), 1).get(0)))
                .channelMessageId()).isEqualTo("401");

        wireMock.verify(1, postRequestedFor(urlEqualTo(BOT_PATH + "sendPhoto")).withRequestBody(equalToJson(
                "{\"chat_id\":" + chat + ",\"photo\":\"https://cdn.example/label.png\","
                        + "\"caption\":\"Your return label\"}")));
        wireMock.verify(1, postRequestedFor(urlEqualTo(BOT_PATH + "sendDocument")).withRequestBody(equalToJson(
                "{\"chat_id\":" + chat + ",\"document\":\"https://cdn.example/invoice.pdf\"}")));
    }

    @Test
    void floodControlIsRetriedAfterTelegramsRetryAfter() {
        String chat = chatId();
        String scenario = "flood-" + chat;
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(chat)))
                .inScenario(scenario).whenScenarioStateIs(Scenario.STARTED).willSetStateTo("waited")
                .willReturn(aResponse().withStatus(429).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\","
                                + "\"parameters\":{\"retry_after\":1}}")));
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(chat)))
                .inScenario(scenario).whenScenarioStateIs("waited").willReturn(okJson(sent(chat, 500))));
        ReplyRequested command = reply(chat, ReplyContent.text("after the flood"));

        Events.send(kafka, command);

        var results = Events.results(kafka, command.eventId(), 2);
        DeliveryRetrying retrying = (DeliveryRetrying) Events.read(results.get(0));
        assertThat(retrying.code()).isEqualTo(429);
        assertThat(retrying.reason()).contains("retry after 1");
        // The test profile's back-off is 0.2 s: the wait is Telegram's.
        assertThat(Duration.between(retrying.occurredAt(), retrying.nextAttemptAt()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(990));
        assertThat(((DeliveryAccepted) Events.read(results.get(1))).channelMessageId()).isEqualTo("500");
        wireMock.verify(2, postRequestedFor(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(chat))));
    }

    @Test
    void aBlockedBotAndAnUnknownChatArePermanentAndTriedOnce() {
        String blockedChat = chatId();
        String unknownChat = chatId();
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(blockedChat)))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":403,\"description\":\"Forbidden: bot was blocked by the user\"}")));
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(unknownChat)))
                .willReturn(aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error_code\":400,\"description\":\"Bad Request: chat not found\"}")));
        ReplyRequested toBlocked = reply(blockedChat, ReplyContent.text("are you there?"));
        ReplyRequested toUnknown = reply(unknownChat, ReplyContent.text("hello?"));

        Events.send(kafka, toBlocked);
        Events.send(kafka, toUnknown);

        DeliveryFailed blocked = (DeliveryFailed) Events.read(Events.results(kafka, toBlocked.eventId(), 1).get(0));
        assertThat(blocked.category()).isEqualTo(FailureCategory.RECIPIENT_UNREACHABLE);
        assertThat(blocked.permanent()).isTrue();
        assertThat(blocked.code()).isEqualTo(403);
        assertThat(blocked.reason()).contains("blocked the bot").contains("bot was blocked by the user")
                .doesNotContain(WireMockResource.TELEGRAM_TOKEN);
        DeliveryFailed unknown = (DeliveryFailed) Events.read(Events.results(kafka, toUnknown.eventId(), 1).get(0));
        assertThat(unknown.category()).isEqualTo(FailureCategory.RECIPIENT_UNREACHABLE);
        assertThat(unknown.permanent()).isTrue();
        assertThat(unknown.httpStatus()).isEqualTo(400);
        for (String chat : List.of(blockedChat, unknownChat)) {
            wireMock.verify(1, postRequestedFor(urlEqualTo(BOT_PATH + "sendMessage"))
                    .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(chat))));
        }
    }

    @Test
    void inlineKeyboardButtonsComeBackAsCallbackData() {
        String chat = chatId();
        wireMock.stubFor(post(urlEqualTo(BOT_PATH + "sendMessage"))
                .withRequestBody(matchingJsonPath("$.chat_id", WireMock.equalTo(chat)))
                .willReturn(okJson(sent(chat, 600))));
        ReplyRequested command = reply(chat, new ReplyContent(ReplyKind.INTERACTIVE, "Was this helpful?", null, null,
                new ReplyContent.Interactive("button", null, null, null, List.of(
                        new ReplyContent.Interactive.Choice("csat:yes", "Yes, thanks", null),
                        new ReplyContent.Interactive.Choice("csat:no", "No", null)), null), null, null));

        Events.send(kafka, command);

        assertThat(Events.read(Events.results(kafka, command.eventId(), 1).get(0))).isInstanceOf(DeliveryAccepted.class);
        wireMock.verify(1, postRequestedFor(urlEqualTo(BOT_PATH + "sendMessage")).withRequestBody(equalToJson(
                "{\"chat_id\":" + chat + ",\"text\":\"Was this helpful?\",\"reply_markup\":{\"inline_keyboard\":["
                        + "[{\"text\":\"Yes, thanks\",\"callback_data\":\"csat:yes\"}],"
                        + "[{\"text\":\"No\",\"callback_data\":\"csat:no\"}]]}}")));
    }
}
