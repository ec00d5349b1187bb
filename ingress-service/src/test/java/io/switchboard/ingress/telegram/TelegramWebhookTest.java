package io.switchboard.ingress.telegram;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.ChannelErrorReported;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * Telegram updates (test resources {@code channels/telegram/}, written from the Bot API's Update and Message objects)
 * through the real endpoint, broker and normalization.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class TelegramWebhookTest {

    static final String BOT = "7000000001";
    static final String SECRET = "tg-secret_7000000001";
    private static final String PRIVATE = "tg:" + BOT + ":943084337";
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void theSecretTokenIsRequiredAndMustBeTheBotsAndNothingIsProducedOtherwise() {
        byte[] body = text(uniqueUpdateId(), "forged");
        post(BOT, body, null).then().statusCode(401).body("error", equalTo("missing_signature"))
                .body("message", containsString("X-Telegram-Bot-Api-Secret-Token"));
        post(BOT, body, "tg-secret_7000000002").then().statusCode(401).body("error", equalTo("invalid_secret_token"));
        post(BOT, body, SECRET + "x").then().statusCode(401);
        post("7000000009", body, SECRET).then().statusCode(404).body("error", equalTo("not_found"));

        byte[] sentinel = text(uniqueUpdateId(), "sentinel");
        post(BOT, sentinel, SECRET).then().statusCode(200);
        List<ConsumerRecord<String, byte[]>> raw = kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1,
                r -> Arrays.equals(r.value(), sentinel) || Arrays.equals(r.value(), body), SETTLE);
        assertThat(raw).extracting(KafkaTestClient::text).allMatch(t -> t.contains("sentinel"));
    }

    @Test
    void bodiesThatAreNotAJsonObjectAre400WithTheReason() {
        post(BOT, "{\"update_id\":1,".getBytes(StandardCharsets.UTF_8), SECRET).then().statusCode(400)
                .body("error", equalTo("malformed_request")).body("message", containsString("malformed JSON"));
        post(BOT, "[1]".getBytes(StandardCharsets.UTF_8), SECRET).then().statusCode(400)
                .body("message", containsString("not a JSON object"));
    }

    @Test
    void aTextMessageIsKeptRawThenPublishedAsMessageReceived() {
        byte[] body = vector("tg_01_text_private.json");
        post(BOT, body, SECRET).then().statusCode(200);

        ConsumerRecord<String, byte[]> raw = kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1,
                r -> Arrays.equals(r.value(), body), SETTLE).get(0);
        assertThat(raw.key()).isEqualTo("telegram:" + BOT);
        assertThat(header(raw, "sb_channel")).isEqualTo("telegram");
        assertThat(header(raw, "sb_source")).isEqualTo(BOT);

        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.INBOUND, "tg:" + BOT + ":178271355");
        assertThat(record.key()).isEqualTo(PRIVATE);
        MessageReceived event = (MessageReceived) read(record);
        assertThat(event.channel()).isEqualTo(Channel.TELEGRAM);
        assertThat(event.channelAccountId()).isEqualTo(BOT);
        assertThat(event.externalMessageId()).isEqualTo("323");
        assertThat(event.content().type()).isEqualTo(MessageType.TEXT);
        assertThat(event.content().text()).isEqualTo("/start");
        assertThat(event.occurredAt()).isEqualTo(Instant.ofEpochSecond(1761379722));
        assertThat(event.customer().externalUserId()).isEqualTo("943084337");
        assertThat(event.customer().displayName()).isEqualTo("Danil P");
        assertThat(event.customer().username()).isEqualTo("danilp");
        assertThat(event.customer().language()).isEqualTo("en");
        assertThat(event.customer().identities()).containsEntry("telegram_user_id", "943084337")
                .containsEntry("telegram_chat_id", "943084337");
        assertThat(event.raw().offset()).isEqualTo(raw.offset());
    }

    @Test
    void mediaMessagesReferenceTheirFilesAndTheLargestPhoto() {
        MessageReceived photo = received("tg_02_photo_caption.json", 178271356);
        assertThat(photo.content().type()).isEqualTo(MessageType.IMAGE);
        assertThat(photo.content().text()).isEqualTo("broken screen");
        assertThat(photo.content().media()).singleElement().satisfies(media -> {
            assertThat(media.mediaId()).endsWith("eQADNgQ");
            assertThat(media.size()).isEqualTo(60113L);
        });

        MediaRef document = received("tg_06_document.json", 178271360).content().media().get(0);
        assertThat(document.kind()).isEqualTo("document");
        assertThat(document.filename()).isEqualTo("invoice-2291.pdf");
        assertThat(document.mimeType()).isEqualTo("application/pdf");

        MessageReceived voice = received("tg_07_voice.json", 178271361);
        assertThat(voice.content().type()).isEqualTo(MessageType.AUDIO);
        assertThat(voice.content().media().get(0).voice()).isTrue();
        assertThat(received("tg_08_audio.json", 178271362).content().media().get(0).filename()).isEqualTo("hold.mp3");
        MessageReceived video = received("tg_09_video.json", 178271363);
        assertThat(video.content().type()).isEqualTo(MessageType.VIDEO);
        assertThat(video.content().text()).isEqualTo("it makes this noise");
        MessageReceived sticker = received("tg_10_sticker.json", 178271364);
        assertThat(sticker.content().type()).isEqualTo(MessageType.STICKER);
        assertThat(sticker.content().media().get(0).animated()).isTrue();
        assertThat(sticker.content().text()).isEqualTo("\uD83D\uDC4D");
    }

    @Test
    void locationContactAndQuotedRepliesInPrivateAndGroupChats() {
        MessageReceived location = received("tg_11_location.json", 178271365);
        assertThat(location.content().type()).isEqualTo(MessageType.LOCATION);
        assertThat(location.content().location().latitude()).isEqualTo(52.520008);
        assertThat(location.content().location().longitude()).isEqualTo(13.404954);

        MessageReceived contact = received("tg_12_contact.json", 178271366);
        assertThat(contact.content().type()).isEqualTo(MessageType.CONTACTS);
        assertThat(contact.content().contacts()).singleElement().satisfies(card -> {
            assertThat(card.formattedName()).isEqualTo("Anna Schmidt");
            assertThat(card.phones()).containsExactly("+4915112345678");
        });

        assertThat(received("tg_16_reply_quote.json", 178271370).content().replyTo().externalMessageId())
                .isEqualTo("326");

        // A group is one conversation; the participant is the customer who wrote.
        post(BOT, vector("tg_05_supergroup.json"), SECRET).then().statusCode(200);
        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.INBOUND, "tg:" + BOT + ":178271359");
        assertThat(record.key()).isEqualTo("tg:" + BOT + ":-1001234567890");
        MessageReceived group = (MessageReceived) read(record);
        assertThat(group.content().replyTo().externalMessageId()).isEqualTo("7780");
        assertThat(group.customer().identities()).containsEntry("telegram_user_id", "943084337")
                .containsEntry("telegram_chat_id", "-1001234567890");
        assertThat(group.customer().attributes()).containsEntry("chat_type", "supergroup")
                .containsEntry("chat_title", "Acme customers");
    }

    @Test
    void anEditedMessageIsMessageEditedOfTheSameMessage() {
        post(BOT, vector("tg_04_edited_message.json"), SECRET).then().statusCode(200);
        MessageEdited edited = (MessageEdited) read(awaitEvent(Topics.INBOUND, "tg:" + BOT + ":178271358"));
        assertThat(edited.conversationKey()).isEqualTo(PRIVATE);
        assertThat(edited.originalMessageId()).isEqualTo("323");
        assertThat(edited.content().text()).isEqualTo("/start please");
        assertThat(edited.occurredAt()).isEqualTo(Instant.ofEpochSecond(1761379990));
    }

    @Test
    void aCallbackQueryIsAButtonReplyWithTheDataAndTheButtonsLabel() {
        MessageReceived reply = received("tg_03_callback_query.json", 178271357);
        assertThat(reply.conversationKey()).isEqualTo(PRIVATE);
        assertThat(reply.content().type()).isEqualTo(MessageType.BUTTON_REPLY);
        assertThat(reply.content().payload()).isEqualTo("csat:yes");
        assertThat(reply.content().text()).isEqualTo("Yes, thanks");
        assertThat(reply.content().replyTo().externalMessageId()).isEqualTo("325");
        assertThat(reply.externalMessageId()).isEqualTo("callback:4382bfdwdsb323b2d9");
        assertThat(reply.customer().username()).isEqualTo("danilp");
    }

    @Test
    void blockingTheBotIsAChannelErrorOnTheConversationAndUnknownKindsAreSkippedNotDeadLettered() {
        post(BOT, vector("tg_13_my_chat_member_blocked.json"), SECRET).then().statusCode(200);
        ChannelErrorReported blocked = (ChannelErrorReported) read(
                awaitEvent(Topics.STATUS, "tg:" + BOT + ":178271367"));
        assertThat(blocked.conversationKey()).isEqualTo(PRIVATE);
        assertThat(blocked.errors()).singleElement().satisfies(error -> {
            assertThat(error.code()).isEqualTo(403);
            assertThat(error.title()).isEqualTo("bot_blocked");
        });

        post(BOT, vector("tg_14_my_chat_member_unblocked.json"), SECRET).then().statusCode(200);
        post(BOT, vector("tg_15_channel_post_unhandled.json"), SECRET).then().statusCode(200);
        long sentinel = uniqueUpdateId();
        post(BOT, text(sentinel, "after the skipped ones"), SECRET).then().statusCode(200);
        awaitEvent(Topics.INBOUND, "tg:" + BOT + ":" + sentinel);

        assertThat(kafka.readAll(Topics.INGRESS_DEAD_LETTER)).extracting(KafkaTestClient::text)
                .noneMatch(t -> t.contains("178271368") || t.contains("178271369"));
        assertThat(kafka.readAll(Topics.INBOUND)).extracting(r -> header(r, "ce_id"))
                .doesNotContain("tg:" + BOT + ":178271368", "tg:" + BOT + ":178271369");
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).containsPattern("switchboard_ingress_ignored_total\\{[^}]*channel=\"telegram\"");
    }

    @Test
    void aRepeatedUpdateIdIsPublishedOnce() {
        long updateId = uniqueUpdateId();
        byte[] first = text(updateId, "twice");
        post(BOT, first, SECRET).then().statusCode(200);
        // Telegram redelivers the same update; the event id derives from update_id, so it is dropped.
        post(BOT, first, SECRET).then().statusCode(200);
        long sentinel = uniqueUpdateId();
        post(BOT, text(sentinel, "sentinel"), SECRET).then().statusCode(200);
        awaitEvent(Topics.INBOUND, "tg:" + BOT + ":" + sentinel);
        assertThat(kafka.awaitRecords(Topics.RAW_WEBHOOKS, 2, r -> Arrays.equals(r.value(), first), SETTLE))
                .hasSize(2);
        assertThat(kafka.readAll(Topics.INBOUND)).extracting(r -> header(r, "ce_id"))
                .filteredOn(id -> id.equals("tg:" + BOT + ":" + updateId)).hasSize(1);
    }

    private MessageReceived received(String file, long updateId) {
        post(BOT, vector(file), SECRET).then().statusCode(200);
        return (MessageReceived) read(awaitEvent(Topics.INBOUND, "tg:" + BOT + ":" + updateId));
    }

    static Response post(String bot, byte[] body, String secret) {
        var request = given().contentType("application/json").body(body);
        if (secret != null) {
            request = request.header("X-Telegram-Bot-Api-Secret-Token", secret);
        }
        return request.post("/webhooks/telegram/" + bot);
    }

    static byte[] text(long updateId, String text) {
        return ("{\"update_id\":" + updateId + ",\"message\":{\"message_id\":" + (updateId % 100000)
                + ",\"from\":{\"id\":943084337,\"is_bot\":false,\"first_name\":\"Danil\"},\"chat\":{\"id\":943084337,"
                + "\"type\":\"private\"},\"date\":1761379722,\"text\":\"" + text + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    static long uniqueUpdateId() {
        return 500_000_000L + ThreadLocalRandom.current().nextLong(1_000_000_000L);
    }

    static byte[] vector(String file) {
        try (InputStream in = TelegramWebhookTest.class.getResourceAsStream("/channels/telegram/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no test resource channels/telegram/" + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static SwitchboardEvent read(ConsumerRecord<String, byte[]> record) {
        return CloudEventCodec.read(record.headers(), record.value());
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String topic, String eventId) {
        return kafka.awaitRecords(topic, 1, r -> eventId.equals(header(r, "ce_id")), SETTLE).get(0);
    }
}
