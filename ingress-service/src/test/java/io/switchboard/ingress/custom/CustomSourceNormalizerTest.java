package io.switchboard.ingress.custom;

import static io.switchboard.ingress.custom.CustomSourceSchemaTest.MESSAGE;
import static io.switchboard.ingress.custom.CustomSourceSchemaTest.READ;
import static io.switchboard.ingress.custom.CustomSourceSchemaTest.STATUS;
import static io.switchboard.ingress.custom.CustomSourceSchemaTest.TYPING;
import static io.switchboard.ingress.custom.CustomSourceSchemaTest.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.RawRef;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Topics;
import io.switchboard.events.TypingIndicated;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.Rejection;
import io.switchboard.ingress.normalize.WebhookContext;

class CustomSourceNormalizerTest {

    private static final String SOURCE = "acme-shop";
    private static final Instant RECEIVED = Instant.parse("2026-09-12T08:00:05Z");
    private static final RawRef RAW = new RawRef(Topics.RAW_WEBHOOKS, 1, 7L);
    private static final WebhookContext CONTEXT = new WebhookContext(SOURCE, RECEIVED, RAW);
    private static final String CONVERSATION = "custom:acme-shop:conv-9";
    private static final Customer PLAIN_USER = new Customer("u-1", null, null, null, Map.of("external_id", "u-1"),
            Map.of());

    private final CustomSourceNormalizer normalizer = new CustomSourceNormalizer();

    @Test
    void messageWithEverything() {
        Normalized result = normalizer.normalize(json(MESSAGE), CONTEXT);

        assertThat(result.rejections()).isEmpty();
        assertThat(result.events()).containsExactly(new MessageReceived("custom:acme-shop:evt-1", Channel.CUSTOM,
                SOURCE, CONVERSATION,
                new Customer("u-1", "Ada Lovelace", null, "en-GB",
                        Map.of("external_id", "u-1", "phone", "+447700900123", "email", "ada@example.com"),
                        Map.of("tier", "gold", "account_id", "acct-7")),
                "msg-1", Instant.parse("2026-09-12T07:59:58.250Z"), RECEIVED,
                new MessageContent(MessageType.IMAGE, "Hello", "BUY",
                        List.of(new MediaRef("image", null, "https://files.example.com/a.jpg", "image/jpeg",
                                "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", "a.jpg", 12345L,
                                null, null)),
                        null, null, null, ReplyContext.quoting("msg-0"), null, null),
                RAW));
    }

    @Test
    void textMessage() {
        Normalized result = normalizer.normalize(json(message("{\"external_id\":\"msg-2\",\"text\":\"Hi\"}")),
                CONTEXT);

        assertThat(result.events()).containsExactly(new MessageReceived("custom:acme-shop:evt-9", Channel.CUSTOM,
                SOURCE, CONVERSATION, PLAIN_USER, "msg-2", Instant.parse("2026-09-12T08:00:00Z"), RECEIVED,
                MessageContent.text("Hi"), RAW));
    }

    @Test
    void aPayloadIsAButtonReply() {
        Normalized result = normalizer.normalize(json(message("{\"external_id\":\"msg-3\",\"text\":\"Yes please\","
                + "\"payload\":\"CONFIRM\"}")), CONTEXT);

        assertThat(result.events()).extracting(event -> ((MessageReceived) event).content())
                .containsExactly(new MessageContent(MessageType.BUTTON_REPLY, "Yes please", "CONFIRM", null, null,
                        null, null, null, null, null));
    }

    @ParameterizedTest
    @CsvSource({
            "video/mp4, VIDEO, video",
            "audio/ogg; codecs=opus, AUDIO, audio",
            "application/pdf, DOCUMENT, document",
            "IMAGE/PNG, IMAGE, image",
    })
    void mediaTypeComesFromTheMimeType(String mimeType, MessageType type, String kind) {
        Normalized result = normalizer.normalize(json(message("{\"external_id\":\"msg-4\",\"media\":[{\"url\":"
                + "\"https://files.example.com/f\",\"mime_type\":\"" + mimeType + "\"}]}")), CONTEXT);

        assertThat(result.events()).extracting(event -> ((MessageReceived) event).content())
                .containsExactly(new MessageContent(type, null, null,
                        List.of(new MediaRef(kind, null, "https://files.example.com/f", mimeType, null, null, null,
                                null, null)),
                        null, null, null, null, null, null));
    }

    @Test
    void mediaWithoutMimeTypeIsADocument() {
        Normalized result = normalizer.normalize(json(message("{\"external_id\":\"msg-5\",\"media\":[{\"url\":"
                + "\"https://files.example.com/f\"}]}")), CONTEXT);

        assertThat(result.events()).extracting(event -> ((MessageReceived) event).content().type())
                .containsExactly(MessageType.DOCUMENT);
    }

    @Test
    void failedStatus() {
        Normalized result = normalizer.normalize(json(STATUS), CONTEXT);

        assertThat(result.events()).containsExactly(new DeliveryStatusChanged("custom:acme-shop:evt-2",
                Channel.CUSTOM, SOURCE, CONVERSATION, null, "out-5", DeliveryState.FAILED, null,
                List.of(new ChannelError(0, null, "recipient_blocked", "The user blocked the business", null, null)),
                null, null, Instant.parse("2026-09-12T08:00:01Z"), RECEIVED, RAW));
    }

    @Test
    void numericErrorCodesKeepTheirNumber() {
        ObjectNode event = (ObjectNode) json(STATUS);
        ((ObjectNode) event.at("/status/error")).put("code", "4031").remove("message");

        assertThat(normalizer.normalize(event, CONTEXT).events())
                .extracting(status -> ((DeliveryStatusChanged) status).errors())
                .containsExactly(List.of(new ChannelError(4031, null, "4031", null, null, null)));
    }

    @ParameterizedTest
    @CsvSource({"sent, SENT", "delivered, DELIVERED", "read, READ"})
    void statusStates(String state, DeliveryState expected) {
        ObjectNode event = (ObjectNode) json(STATUS);
        ((ObjectNode) event.get("status")).put("state", state).remove("error");
        event.set("user", json("{\"external_id\":\"u-1\"}"));

        assertThat(normalizer.normalize(event, CONTEXT).events()).containsExactly(new DeliveryStatusChanged(
                "custom:acme-shop:evt-2", Channel.CUSTOM, SOURCE, CONVERSATION, "u-1", "out-5", expected, null,
                List.of(), null, null, Instant.parse("2026-09-12T08:00:01Z"), RECEIVED, RAW));
    }

    @Test
    void typing() {
        assertThat(normalizer.normalize(json(TYPING), CONTEXT).events()).containsExactly(new TypingIndicated(
                "custom:acme-shop:evt-3", Channel.CUSTOM, SOURCE, CONVERSATION, PLAIN_USER,
                Instant.parse("2026-09-12T08:00:02Z"), RECEIVED, RAW));
    }

    @Test
    void readIsAWatermarkReceiptAtOccurredAt() {
        Instant at = Instant.parse("2026-09-12T08:00:03Z");

        assertThat(normalizer.normalize(json(READ), CONTEXT).events()).containsExactly(new DeliveryStatusChanged(
                "custom:acme-shop:evt-4", Channel.CUSTOM, SOURCE, CONVERSATION, "u-1", null, DeliveryState.READ, at,
                List.of(), null, null, at, RECEIVED, RAW));
    }

    @Test
    void aBatchKeepsItsOrder() {
        Normalized result = normalizer.normalize(json("{\"events\":[" + MESSAGE + "," + STATUS + "," + TYPING + ","
                + READ + "]}"), CONTEXT);

        assertThat(result.events()).extracting(ConversationEvent::eventId).containsExactly("custom:acme-shop:evt-1",
                "custom:acme-shop:evt-2", "custom:acme-shop:evt-3", "custom:acme-shop:evt-4");
        assertThat(result.events()).extracting(ConversationEvent::conversationKey).containsOnly(CONVERSATION);
    }

    @ParameterizedTest
    @CsvSource({
            "2026-09-12T10:00:00+02:00, 2026-09-12T08:00:00Z",
            "2026-09-12t08:00:00z, 2026-09-12T08:00:00Z",
            "2026-09-12 08:00:00.5Z, 2026-09-12T08:00:00.500Z",
            "2016-12-31T23:59:60Z, 2016-12-31T23:59:59Z",
    })
    void readsEveryRfc3339FormTheSchemaAccepts(String occurredAt, String expected) {
        ObjectNode event = (ObjectNode) json(TYPING);
        event.put("occurred_at", occurredAt);

        assertThat(new CustomSourceSchema().violations(event)).isEmpty();
        assertThat(normalizer.normalize(event, CONTEXT).events()).extracting(ConversationEvent::occurredAt)
                .containsExactly(Instant.parse(expected));
    }

    @Test
    void sourcesWithTheSameExternalIdsStayApart() {
        Normalized other = normalizer.normalize(json(TYPING), new WebhookContext("other-shop", RECEIVED, RAW));

        assertThat(other.events()).extracting(ConversationEvent::eventId, ConversationEvent::conversationKey,
                ConversationEvent::channelAccountId)
                .containsExactly(tuple("custom:other-shop:evt-3",
                        "custom:other-shop:conv-9", "other-shop"));
    }

    @Test
    void anUnreadableEventIsRejectedAloneAndNothingThrows() {
        String broken = "{\"event_id\":\"evt-5\",\"type\":\"message\",\"occurred_at\":\"2026-09-12T08:00:00Z\","
                + "\"conversation\":{\"external_id\":\"conv-9\"}}";

        Normalized result = normalizer.normalize(json("{\"events\":[" + broken + "," + TYPING + ",7]}"), CONTEXT);

        assertThat(result.events()).extracting(ConversationEvent::eventId).containsExactly("custom:acme-shop:evt-3");
        assertThat(result.rejections()).containsExactly(
                new Rejection("message is missing or not an object", json(broken).toString()),
                new Rejection("event is not a JSON object", "7"));
    }

    @Test
    void needsASourceIdAndAnObject() {
        assertThat(normalizer.normalize(json(TYPING), new WebhookContext(null, RECEIVED, RAW)).rejections())
                .hasSize(1);
        assertThat(normalizer.normalize(json(TYPING), null).rejections()).hasSize(1);
        assertThat(normalizer.normalize(json("[]"), CONTEXT).rejections()).hasSize(1);
        assertThat(normalizer.normalize(null, CONTEXT).rejections()).hasSize(1);
        assertThat(normalizer.normalize(json("{\"events\":{}}"), CONTEXT).rejections()).hasSize(1);
    }

    private static String message(String message) {
        return "{\"event_id\":\"evt-9\",\"type\":\"message\",\"occurred_at\":\"2026-09-12T08:00:00Z\","
                + "\"conversation\":{\"external_id\":\"conv-9\"},\"user\":{\"external_id\":\"u-1\"},"
                + "\"message\":" + message + "}";
    }
}
