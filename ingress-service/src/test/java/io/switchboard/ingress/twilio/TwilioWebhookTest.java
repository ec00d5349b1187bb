package io.switchboard.ingress.twilio;

import static io.restassured.RestAssured.given;
import static io.switchboard.testing.KafkaTestClient.header;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.KafkaTestClient;

/**
 * Twilio's form webhooks end to end: signature over the public URL and sorted parameters, the raw form kept byte
 * for byte, then normalized to inbound messages and receipts. The forms are test resources under
 * {@code channels/twilio/}.
 */
@QuarkusTest
@QuarkusTestResource(KafkaResource.class)
class TwilioWebhookTest {

    static final String ACCOUNT = "AC0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test_auth_token";
    private static final String PUBLIC = "https://ingress.example.com/webhooks/twilio/" + ACCOUNT;
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient();

    @AfterEach
    void close() {
        kafka.close();
    }

    @Test
    void aSignedSmsIsAnsweredWithEmptyTwimlKeptRawAndPublishedAsMessageReceived() {
        byte[] body = form("sms_01_inbound.form");

        post("", body, sign(PUBLIC, body)).then().statusCode(200).contentType(containsString("text/xml"))
                .body(equalTo(TwilioWebhookResource.EMPTY_TWIML));

        ConsumerRecord<String, byte[]> raw = kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1,
                r -> Arrays.equals(r.value(), body), SETTLE).get(0);
        assertThat(raw.key()).isEqualTo("sms:" + ACCOUNT);
        assertThat(header(raw, "sb_channel")).isEqualTo("sms");
        assertThat(header(raw, "sb_source")).isEqualTo(ACCOUNT);
        assertThat(header(raw, "content-type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(header(raw, "sb_signature")).isEqualTo(sign(PUBLIC, body));

        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.INBOUND, "sms:SM1a2b3c4d5e6f708192a3b4c5d6e7f801");
        assertThat(record.key()).isEqualTo("sms:16505551366:16505558893");
        MessageReceived event = (MessageReceived) CloudEventCodec.read(record.headers(), record.value());
        assertThat(event.channel()).isEqualTo(Channel.SMS);
        assertThat(event.channelAccountId()).isEqualTo("16505551366");
        assertThat(event.externalMessageId()).isEqualTo("SM1a2b3c4d5e6f708192a3b4c5d6e7f801");
        assertThat(event.content().type()).isEqualTo(MessageType.TEXT);
        assertThat(event.content().text()).isEqualTo("Is my order shipped? 2+2=4 & café");
        assertThat(event.customer().externalUserId()).isEqualTo("16505558893");
        assertThat(event.customer().identities()).containsEntry("phone", "16505558893");
        assertThat(event.customer().attributes()).doesNotContainKey(SmsNormalizer.OPT_ATTRIBUTE);
        assertThat(event.raw().offset()).isEqualTo(raw.offset());
    }

    @Test
    void anMmsCarriesEachMediaPartWithItsType() {
        byte[] body = form("sms_02_mms_inbound.form");
        post("", body, sign(PUBLIC, body)).then().statusCode(200);

        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.INBOUND, "sms:MM2b3c4d5e6f708192a3b4c5d6e7f80912");
        MessageReceived event = (MessageReceived) CloudEventCodec.read(record.headers(), record.value());
        assertThat(event.conversationKey()).isEqualTo("sms:16505551366:16505558894");
        assertThat(event.content().type()).isEqualTo(MessageType.IMAGE);
        assertThat(event.content().text()).isEqualTo("Photo of the damage");
        assertThat(event.content().media()).hasSize(2);
        assertThat(event.content().media().get(0).kind()).isEqualTo("image");
        assertThat(event.content().media().get(0).mimeType()).isEqualTo("image/jpeg");
        assertThat(event.content().media().get(0).url()).startsWith("https://api.twilio.com/2010-04-01/Accounts/"
                + ACCOUNT + "/Messages/MM2b3c4d5e6f708192a3b4c5d6e7f80912/Media/ME0a1b");
        assertThat(event.content().media().get(1).kind()).isEqualTo("document");
        assertThat(event.content().media().get(1).mimeType()).isEqualTo("application/pdf");
    }

    @Test
    void stopIsAMessageThatNotesTheOptOut() {
        byte[] body = form("sms_03_stop.form");
        post("", body, sign(PUBLIC, body)).then().statusCode(200);

        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.INBOUND, "sms:SM3c4d5e6f708192a3b4c5d6e7f8091a2b");
        MessageReceived event = (MessageReceived) CloudEventCodec.read(record.headers(), record.value());
        assertThat(event.content().text()).isEqualTo("Stop");
        assertThat(event.customer().attributes()).containsEntry(SmsNormalizer.OPT_ATTRIBUTE, "out");
    }

    @Test
    void statusCallbacksBecomeReceiptsAndEarlyStepsAreKeptRawOnly() {
        byte[] delivered = form("sms_04_status_delivered.form");
        byte[] undelivered = form("sms_05_status_undelivered_30003.form");
        byte[] queued = form("sms_06_status_queued.form");
        for (byte[] body : List.of(queued, delivered, undelivered)) {
            post("/status", body, sign(PUBLIC + "/status", body)).then().statusCode(204);
        }

        ConsumerRecord<String, byte[]> record = awaitEvent(Topics.STATUS,
                "sms:SM4d5e6f708192a3b4c5d6e7f8091a2b3c:delivered");
        assertThat(record.key()).isEqualTo("sms:16505551366:16505558893");
        DeliveryStatusChanged receipt = (DeliveryStatusChanged) CloudEventCodec.read(record.headers(), record.value());
        assertThat(receipt.channel()).isEqualTo(Channel.SMS);
        assertThat(receipt.channelAccountId()).isEqualTo("16505551366");
        assertThat(receipt.externalMessageId()).isEqualTo("SM4d5e6f708192a3b4c5d6e7f8091a2b3c");
        assertThat(receipt.status()).isEqualTo(DeliveryState.DELIVERED);
        assertThat(receipt.errors()).isEmpty();

        ConsumerRecord<String, byte[]> failed = awaitEvent(Topics.STATUS,
                "sms:SM5e6f708192a3b4c5d6e7f8091a2b3c4d:undelivered");
        DeliveryStatusChanged failure = (DeliveryStatusChanged) CloudEventCodec.read(failed.headers(), failed.value());
        assertThat(failure.status()).isEqualTo(DeliveryState.FAILED);
        assertThat(failure.errors()).singleElement().satisfies(error -> assertThat(error.code()).isEqualTo(30003));

        // The queued callback was kept raw (so a replay sees it) but is no receipt.
        kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1, r -> Arrays.equals(r.value(), queued), SETTLE);
        assertThat(kafka.readAll(Topics.STATUS)).extracting(r -> header(r, "ce_id"))
                .noneMatch(id -> id.startsWith("sms:SM6f708192a3b4c5d6e7f8091a2b3c4d5e"));
    }

    @Test
    void aMissingOrWrongSignatureIs401WithTheReasonAndNothingIsKept() {
        byte[] body = ("MessageSid=SMforged0000000000000000000000001&AccountSid=" + ACCOUNT
                + "&From=%2B16505550000&To=%2B16505551366&Body=forged&NumMedia=0").getBytes(StandardCharsets.UTF_8);

        post("", body, null).then().statusCode(401).body("error", equalTo("missing_signature"))
                .body("message", containsString("X-Twilio-Signature"));
        post("", body, "Np1nax6uFoY6qpfT5l9jWwJeit0=").then().statusCode(401)
                .body("error", equalTo("invalid_signature"));
        // Signed for the URL the service sees, not the public one Twilio called.
        post("", body, sign("http://localhost/webhooks/twilio/" + ACCOUNT, body)).then().statusCode(401);
        // Signed with another account's token.
        post("", body, TwilioSignature.compute("another_token", PUBLIC, TwilioForm.parse(body))).then()
                .statusCode(401);
        // A valid inbound signature does not cover the status path.
        post("/status", body, sign(PUBLIC, body)).then().statusCode(401);
        given().contentType("application/x-www-form-urlencoded").body(ascii(body))
                .header(TwilioSignature.HEADER, sign(PUBLIC, body)).post("/webhooks/twilio/ACunknown")
                .then().statusCode(404);

        byte[] sentinel = form("sms_01_inbound.form");
        post("", sentinel, sign(PUBLIC, sentinel)).then().statusCode(200);
        kafka.awaitRecords(Topics.RAW_WEBHOOKS, 1, r -> Arrays.equals(r.value(), sentinel), SETTLE);
        assertThat(kafka.readAll(Topics.RAW_WEBHOOKS)).extracting(KafkaTestClient::text)
                .noneMatch(text -> text.contains("SMforged"));
    }

    @Test
    void aFormThatCannotBeAMessageIsDeadLetteredWithTheReason() {
        byte[] body = ("MessageSid=SMnobody00000000000000000000000001&AccountSid=" + ACCOUNT
                + "&From=not-a-number&To=%2B16505551366&Body=hi").getBytes(StandardCharsets.UTF_8);
        post("", body, sign(PUBLIC, body)).then().statusCode(200);

        ConsumerRecord<String, byte[]> letter = kafka.awaitRecords(Topics.INGRESS_DEAD_LETTER, 1,
                r -> KafkaTestClient.text(r).contains("SMnobody"), SETTLE).get(0);
        assertThat(header(letter, "sb_dlq_reason")).contains("From is not an E.164 number");
    }

    static String sign(String url, byte[] body) {
        return TwilioSignature.compute(TOKEN, url, TwilioForm.parse(body));
    }

    private static Response post(String suffix, byte[] body, String signature) {
        var request = given().contentType("application/x-www-form-urlencoded").body(ascii(body));
        if (signature != null) {
            request = request.header(TwilioSignature.HEADER, signature);
        }
        return request.post("/webhooks/twilio/" + ACCOUNT + suffix);
    }

    /** Forms are percent-encoded ASCII; RestAssured sends a form body given as text unchanged. */
    private static String ascii(byte[] body) {
        return new String(body, StandardCharsets.US_ASCII);
    }

    static byte[] form(String name) {
        try (InputStream in = TwilioWebhookTest.class.getResourceAsStream("/channels/twilio/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no test resource channels/twilio/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ConsumerRecord<String, byte[]> awaitEvent(String topic, String eventId) {
        return kafka.awaitRecords(topic, 1, r -> eventId.equals(header(r, "ce_id")), SETTLE).get(0);
    }
}
