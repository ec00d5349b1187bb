package io.switchboard.ingress.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.ChannelErrorReported;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.Location;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEchoed;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageType;
import io.switchboard.events.Order;
import io.switchboard.events.RawRef;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.SharedContact;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.Rejection;
import io.switchboard.ingress.normalize.WebhookContext;

/** Unit tests of {@link WhatsAppNormalizer} against the sample payloads in the test resources and inline bodies. */
class WhatsAppNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VECTORS = Webhooks.vectors();

    private static final Instant RECEIVED = Instant.parse("2026-09-12T08:30:00Z");
    private static final RawRef RAW = new RawRef(Topics.RAW_WEBHOOKS, 2, 4711L);
    private static final WebhookContext CONTEXT = new WebhookContext("meta-app", RECEIVED, RAW);

    private static final String PNID = "106540352242922";
    private static final String SHEENA_KEY = "wa:106540352242922:16505551234";
    private static final Customer SHEENA = new Customer("16505551234", "Sheena Nelson", null, null,
            Map.of("wa_id", "16505551234"), Map.of());
    private static final Customer PABLO = new Customer("16505551234", "Pablo Morales", null, null,
            Map.of("wa_id", "16505551234"), Map.of());
    private static final String SHEENA_CONTACT = "\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},"
            + "\"wa_id\":\"16505551234\"}]";

    private final WhatsAppNormalizer normalizer = new WhatsAppNormalizer();

    // ---- every shipped vector -----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> everyWhatsAppVectorNormalizesWithoutRejectionAndDeterministically() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(VECTORS)) {
            files = listing.filter(p -> p.getFileName().toString().matches("wa_.*\\.json")).sorted().toList();
        }
        assertThat(files).as("wa_* vectors in %s", VECTORS).isNotEmpty();
        return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Normalized first = normalizer.normalize(read(file), CONTEXT);
            assertThat(first.rejections()).isEmpty();
            assertThat(first.ignored()).isEmpty();
            assertThat(first.events()).isNotEmpty().allSatisfy(event -> {
                assertThat(event.channel()).isEqualTo(Channel.WHATSAPP);
                assertThat(event.eventId()).startsWith("wa:");
                assertThat(event.conversationKey()).startsWith("wa:" + event.channelAccountId());
                assertThat(event.occurredAt()).isNotNull();
            });
            assertThat(normalizer.normalize(read(file), CONTEXT)).isEqualTo(first);
        }));
    }

    // ---- text and identity --------------------------------------------------------------------------------

    @Test
    void wa01TextMessage() {
        MessageReceived event = single(vector("wa_01_text.json"), MessageReceived.class);

        assertThat(event).isEqualTo(new MessageReceived(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=", Channel.WHATSAPP, PNID,
                "wa:106540352242922:16505551234", SHEENA,
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                Instant.parse("2025-06-08T20:59:43Z"), RECEIVED,
                MessageContent.text("Does it come in another color?"), RAW));
    }

    @Test
    void wa37RedeliveryGivesTheSameEventIdsAsWa01() {
        Normalized original = vector("wa_01_text.json");
        Normalized duplicate = vector("wa_37_duplicate_of_wa_01.json");

        assertThat(duplicate.events()).isEqualTo(original.events());
        assertThat(duplicate.events()).extracting(ConversationEvent::eventId)
                .containsExactly("wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=");
    }

    @Test
    void wa03BsuidKeysTheConversationAndAllIdsAreKept() {
        MessageReceived event = single(vector("wa_03_text_bsuid.json"), MessageReceived.class);

        Customer customer = new Customer("US.13491208655302741918", "Test Name", null, null,
                Map.of("wa_id", "972987654321", "bsuid", "US.13491208655302741918",
                        "parent_bsuid", "US.ENT.11815799212886844830"),
                Map.of());
        assertThat(event).isEqualTo(received("wamid.HBgMOTcyOTg3NjU0MzIxFQIAEhggQUM4Q0I2MzlGQzA0NDhFOUIwOTJGMjVERTZCRDY3MTMA",
                "wa:106540352242922:US.13491208655302741918", customer, "2026-05-21T14:13:25Z",
                MessageContent.text("Hey")));
    }

    @Test
    void wa04UsernameOnlyUserIsKeyedOnBsuid() {
        MessageReceived event = single(vector("wa_04_text_username_only_CONSTRUCTED.json"), MessageReceived.class);

        Customer customer = new Customer("US.13491208655302741918", "Sheena", "@sheena", null,
                Map.of("bsuid", "US.13491208655302741918"), Map.of());
        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgB=",
                "wa:106540352242922:US.13491208655302741918", customer, "2026-06-21T00:00:00Z",
                MessageContent.text("Hi, I hid my number")));
    }

    // ---- media --------------------------------------------------------------------------------------------

    @Test
    void wa05ImageWithCaption() {
        MessageReceived event = single(vector("wa_05_image.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ0RjE5QzQ4MEI0RkE0QjhGQjY1AA==",
                SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                media(MessageType.IMAGE, "Is this the right part?",
                        new MediaRef("image", "65463453", null, "image/jpeg", "4654+8g=", null, null, null, null))));
    }

    @Test
    void wa06ImageWithLookasideUrl() {
        MessageReceived event = single(vector("wa_06_image_with_url.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ0RjE5QzQ4MEI0RkE0QjhGQjY2AA==",
                SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                media(MessageType.IMAGE, null, new MediaRef("image", "65463453",
                        "https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=65463453&source=webhook"
                                + "&ext=487r9re&hash=heiwchueowbcew-dnedcw",
                        "image/jpeg", "4654+8g=", null, null, null, null))));
    }

    @Test
    void wa07DocumentWithFilenameAndCaption() {
        MessageReceived event = single(vector("wa_07_document.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ1NTk5MUE3NDg2RTBGOEE5OEYxAA==",
                SHEENA_KEY, SHEENA, "2023-10-11T17:01:06Z",
                media(MessageType.DOCUMENT, "caption", new MediaRef("document", "1234567890987654321", null,
                        "application/pdf", "grwfwe/ZPx0wAbdfbdeFUNItPZ0RylL8gGUvdt3YFqc18SY=", "invoice-4411.pdf",
                        null, null, null))));
    }

    @Test
    void wa08VoiceNote() {
        MessageReceived event = single(vector("wa_08_voice.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ2OUIxRTEzNzg2QjYwMUNDQTc0AA==",
                SHEENA_KEY, SHEENA, "2023-10-11T16:57:53Z",
                media(MessageType.AUDIO, null, new MediaRef("audio", "1234567890987654321", null,
                        "audio/ogg; codecs=opus", "m04pFf2ERdaopTyFkGPA0+bX3i+YY2dYgVFwOgDLSDI=", null, null,
                        true, null))));
    }

    @Test
    void wa09StaticSticker() {
        MessageReceived event = single(vector("wa_09_sticker.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ3MkM1NkY3QjFCNEU0QTVFQTM5AA==",
                SHEENA_KEY, SHEENA, "2023-10-11T17:02:40Z",
                media(MessageType.STICKER, null, new MediaRef("sticker", "1234567890987654321", null, "image/webp",
                        "OmT4nhjUhCMIPNmj7eeOZeCYjTXkLxoOv85OMCFwSuc=", null, null, null, false))));
    }

    @Test
    void videoWithCaptionAndNumericTimestamp() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.VIDEO1\",\"timestamp\":1697043379,\"type\":\"video\",\"video\":{\"caption\":\"unboxing\","
                + "\"mime_type\":\"video/mp4\",\"sha256\":\"vid+sha\",\"id\":\"778899\",\"file_size\":\"1048576\"}}]"),
                MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.VIDEO1", SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                media(MessageType.VIDEO, "unboxing",
                        new MediaRef("video", "778899", null, "video/mp4", "vid+sha", null, 1048576L, null, null))));
    }

    @Test
    void audioWithoutVoiceFlagIsNotAVoiceNote() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.AUDIO1\",\"timestamp\":\"1697043379\",\"type\":\"audio\",\"audio\":{"
                + "\"mime_type\":\"audio/mpeg\",\"sha256\":\"a+sha\",\"id\":\"5511\"}}]"), MessageReceived.class);

        assertThat(event.content().media()).containsExactly(
                new MediaRef("audio", "5511", null, "audio/mpeg", "a+sha", null, null, false, null));
    }

    // ---- location, contacts, order ------------------------------------------------------------------------

    @Test
    void wa10Location() {
        MessageReceived event = single(vector("wa_10_location.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQ4QjJGNTE3RDdDOTVCMDI3RTc4AA==",
                SHEENA_KEY, SHEENA, "2023-10-11T17:15:57Z",
                new MessageContent(MessageType.LOCATION, null, null, null,
                        new Location(37.4611978, -122.2164385, "Facebook HQ", "1 Hacker Way, Menlo Park, CA 94025",
                                "https://maps.google.com/?cid=2000000000000000000"),
                        null, null, null, null, null)));
    }

    @Test
    void sharedContactCards() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.CONTACTS1\",\"timestamp\":\"1697043379\",\"type\":\"contacts\",\"contacts\":["
                + "{\"name\":{\"first_name\":\"John\",\"last_name\":\"Doe\",\"formatted_name\":\"John Doe\"},"
                + "\"org\":{\"company\":\"Acme\"},\"phones\":[{\"phone\":\"+1 650 555 0000\",\"wa_id\":\"16505550000\","
                + "\"type\":\"CELL\"},{\"phone\":\"+1 650 555 0001\",\"type\":\"WORK\"}],"
                + "\"emails\":[{\"email\":\"john@acme.test\",\"type\":\"WORK\"}]},"
                + "{\"name\":{\"first_name\":\"Ann\",\"last_name\":\"Lee\"}}]}]"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.CONTACTS1", SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                new MessageContent(MessageType.CONTACTS, null, null, null, null, List.of(
                        new SharedContact("John Doe", "Acme", List.of("+1 650 555 0000", "+1 650 555 0001"),
                                List.of("john@acme.test"), List.of("16505550000")),
                        new SharedContact("Ann Lee", null, null, null, null)),
                        null, null, null, null)));
    }

    @Test
    void orderWithNumbersAsStringsOrNumbers() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.ORDER1\",\"timestamp\":\"1697043379\",\"type\":\"order\",\"order\":{"
                + "\"catalog_id\":\"cat-1\",\"text\":\"please deliver after 6\",\"product_items\":["
                + "{\"product_retailer_id\":\"sku-1\",\"quantity\":\"2\",\"item_price\":12.99,\"currency\":\"USD\"},"
                + "{\"product_retailer_id\":\"sku-2\",\"quantity\":1,\"item_price\":\"5\",\"currency\":\"USD\"}]}}]"),
                MessageReceived.class);

        Order order = new Order("cat-1", "please deliver after 6", List.of(
                new Order.Item("sku-1", 2, new BigDecimal("12.99"), "USD"),
                new Order.Item("sku-2", 1, new BigDecimal("5"), "USD")));
        assertThat(event).isEqualTo(received("wamid.ORDER1", SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                new MessageContent(MessageType.ORDER, "please deliver after 6", null, null, null, null, order, null,
                        null, null)));
    }

    // ---- replies ------------------------------------------------------------------------------------------

    @Test
    void wa12InteractiveButtonReply() {
        MessageReceived event = single(vector("wa_12_button_reply.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQThBREYwNzc2RDc2QjA1QTIwMgA=",
                SHEENA_KEY, PABLO, "2024-04-30T20:46:43Z",
                reply(MessageType.BUTTON_REPLY, "Change", "change-button",
                        "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBJBM0Y4RUU0RUNFQkFDMjYzQUMA")));
    }

    @Test
    void wa13InteractiveListReply() {
        MessageReceived event = single(vector("wa_13_list_reply.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY0NjcwNDM1OTUVAgASGBQzQTZDMzFGRUFBQjlDMzIzMzlEQwA=",
                SHEENA_KEY, PABLO, "2024-04-08T16:57:23Z",
                reply(MessageType.LIST_REPLY, "Priority Mail Express", "priority_express",
                        "wamid.HBgLMTY0NjcwNDM1OTUVAgARGBIwMjg0RkMxOEMyMkNEQUFFRDgA")));
    }

    @Test
    void wa14TemplateQuickReplyButton() {
        MessageReceived event = single(vector("wa_14_template_quick_reply_button.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBRBMUIyQzNENEU1RjZBN0I4QzlEMAA=",
                SHEENA_KEY, SHEENA, "2023-10-25T21:23:47Z",
                reply(MessageType.TEMPLATE_BUTTON, "Stop promotions", "STOP_PROMOS",
                        "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBJGOEE0RDg0N0Y4RTA2N0Y2QjUA")));
    }

    @Test
    void wa15TextQuotingAnEarlierMessage() {
        MessageReceived event = single(vector("wa_15_reply_with_context.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBRCMUIyQzNENEU1RjZBN0I4QzlEMAA=",
                SHEENA_KEY, SHEENA, "2023-10-11T17:19:06Z",
                reply(MessageType.TEXT, "replied text", null,
                        "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5MTQ0NUQ3MkY5NjNFMjM0MTcA")));
    }

    @Test
    void flowCompletionCarriesTheResponseJsonAsPayload() {
        String responseJson = "{\"flow_token\":\"AQAAAAACS5FpgQ_cAAAAAD0QI3s.\",\"delivery_rating\":\"4\"}";
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"context\":{"
                + "\"from\":\"15550783881\",\"id\":\"wamid.FLOWSENT\"},\"from\":\"16505551234\",\"id\":\"wamid.FLOW1\","
                + "\"timestamp\":\"1697043379\",\"type\":\"interactive\",\"interactive\":{\"type\":\"nfm_reply\","
                + "\"nfm_reply\":{\"response_json\":" + JSON.valueToTree(responseJson) + ",\"body\":\"Sent\","
                + "\"name\":\"flow\"}}}]"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.FLOW1", SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                reply(MessageType.FLOW_REPLY, "Sent", responseJson, "wamid.FLOWSENT")));
    }

    @Test
    void otherInteractiveKindsKeepTheWholeInteractiveObject() {
        // call_permission_reply has its own event (WhatsAppCallsTest); a kind nobody maps keeps the object.
        String interactive = "{\"type\":\"address_message\",\"address_message\":{\"values\":{"
                + "\"city\":\"Lisbon\"}}}";
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.CALLPERM\",\"timestamp\":\"1697043379\",\"type\":\"interactive\",\"interactive\":"
                + interactive + "}]"), MessageReceived.class);

        assertThat(event.content()).isEqualTo(new MessageContent(MessageType.INTERACTIVE, null, interactive, null,
                null, null, null, null, null, null));
    }

    @Test
    void forwardedProductInquiryContext() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.FWD1\",\"timestamp\":\"1697043379\",\"type\":\"text\",\"text\":{\"body\":\"this one?\"},"
                + "\"context\":{\"forwarded\":true,\"frequently_forwarded\":true,"
                + "\"referred_product\":{\"catalog_id\":\"cat-1\",\"product_retailer_id\":\"sku-9\"}}}]"),
                MessageReceived.class);

        assertThat(event.content().replyTo())
                .isEqualTo(new ReplyContext(null, true, true, "cat-1", "sku-9", null, null));
    }

    @Test
    void clickToWhatsAppReferral() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.CTWA1\",\"timestamp\":\"1697043379\",\"type\":\"text\",\"text\":{\"body\":\"Hi from the ad\"},"
                + "\"referral\":{\"source_url\":\"https://fb.me/abc\",\"source_id\":\"120200000000001\","
                + "\"source_type\":\"ad\",\"headline\":\"Summer sale\",\"body\":\"20% off\",\"media_type\":\"image\","
                + "\"image_url\":\"https://cdn.test/ad.jpg\",\"thumbnail_url\":\"https://cdn.test/t.jpg\","
                + "\"ctwa_clid\":\"ARAkLkA8rmlFeiCktEJQ\"}}]"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.CTWA1", SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                new MessageContent(MessageType.TEXT, "Hi from the ad", null, null, null, null, null, null,
                        new Referral(null, "ad", "120200000000001", "https://fb.me/abc", null, "120200000000001",
                                "Summer sale", "20% off", "image", "https://cdn.test/ad.jpg", "ARAkLkA8rmlFeiCktEJQ"),
                        null)));
    }

    @Test
    void requestWelcome() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.WELCOME1\",\"timestamp\":\"1697043223\",\"type\":\"request_welcome\"}]"),
                MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.WELCOME1", SHEENA_KEY, SHEENA, "2023-10-11T16:53:43Z",
                new MessageContent(MessageType.WELCOME_REQUEST, null, null, null, null, null, null, null, null,
                        null)));
    }

    @Test
    void wa20UnsupportedKeepsTheErrors() {
        MessageReceived event = single(vector("wa_20_unsupported.json"), MessageReceived.class);

        assertThat(event).isEqualTo(received("wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQwMUIyQzNENEU1RjZBN0I4QzlEMAA=",
                SHEENA_KEY, SHEENA, "2023-01-06T17:29:34Z",
                new MessageContent(MessageType.UNSUPPORTED, null, null, null, null, null, null, null, null,
                        List.of(new ChannelError(131051, null, "Message type unknown", "Message type unknown",
                                "Message type is currently not supported.", null)))));
    }

    // ---- reactions, revokes, edits, identity --------------------------------------------------------------

    @Test
    void wa16Reaction() {
        MessageReacted event = single(vector("wa_16_reaction.json"), MessageReacted.class);

        assertThat(event).isEqualTo(new MessageReacted(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBRDMUIyQzNENEU1RjZBN0I4QzlEMAA=", Channel.WHATSAPP, PNID,
                SHEENA_KEY, SHEENA, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBRDMUIyQzNENEU1RjZBN0I4QzlEMAA=",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5MTQ0NUQ3MkY5NjNFMjM0MTcA", "\uD83D\uDE2E", null, false,
                Instant.parse("2023-10-11T17:14:16Z"), RECEIVED, RAW));
    }

    @Test
    void wa17EmptyEmojiRemovesTheReaction() {
        MessageReacted event = single(vector("wa_17_reaction_removed.json"), MessageReacted.class);

        assertThat(event).isEqualTo(new MessageReacted(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBREMUIyQzNENEU1RjZBN0I4QzlEMAA=", Channel.WHATSAPP, PNID,
                SHEENA_KEY, SHEENA, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBREMUIyQzNENEU1RjZBN0I4QzlEMAA=",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI5MTQ0NUQ3MkY5NjNFMjM0MTcA", null, null, true,
                Instant.parse("2023-10-11T17:15:00Z"), RECEIVED, RAW));
    }

    @Test
    void absentEmojiRemovesTheReactionToo() {
        MessageReacted event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{\"from\":\"16505551234\","
                + "\"id\":\"wamid.UNREACT\",\"timestamp\":\"1697044500\",\"type\":\"reaction\","
                + "\"reaction\":{\"message_id\":\"wamid.TARGET\"}}]"), MessageReacted.class);

        assertThat(event.removed()).isTrue();
        assertThat(event.emoji()).isNull();
        assertThat(event.reactedMessageId()).isEqualTo("wamid.TARGET");
        assertThat(event.eventId()).isEqualTo("wa:wamid.UNREACT");
    }

    @Test
    void wa22Revoke() {
        MessageRevoked event = single(vector("wa_22_revoke.json"), MessageRevoked.class);

        assertThat(event).isEqualTo(new MessageRevoked(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQyMUIyQzNENEU1RjZBN0I4QzlEMAA=", Channel.WHATSAPP, PNID,
                SHEENA_KEY, SHEENA, "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQyMUIyQzNENEU1RjZBN0I4QzlEMAA=",
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=",
                Instant.parse("2023-10-11T16:53:43Z"), RECEIVED, RAW));
    }

    @Test
    void editCarriesTheInnerMessageContent() {
        Normalized normalized = inline("messages", SHEENA_CONTACT + ",\"messages\":["
                + "{\"from\":\"16505551234\",\"id\":\"wamid.EDIT1\",\"timestamp\":\"1697044968\",\"type\":\"edit\","
                + "\"edit\":{\"original_message_id\":\"wamid.ORIG1\",\"message\":{\"type\":\"text\","
                + "\"text\":{\"body\":\"Text was edited\"}}}},"
                + "{\"from\":\"16505551234\",\"id\":\"wamid.EDIT2\",\"timestamp\":\"1697044969\",\"type\":\"edit\","
                + "\"edit\":{\"original_message_id\":\"wamid.ORIG2\",\"message\":{\"type\":\"image\",\"image\":{"
                + "\"caption\":\"new caption\",\"mime_type\":\"image/jpeg\",\"sha256\":\"4654+8g=\",\"id\":\"65463453\"}}}}]");

        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.events()).containsExactly(
                new MessageEdited("wa:wamid.EDIT1", Channel.WHATSAPP, PNID, SHEENA_KEY, SHEENA, "wamid.EDIT1",
                        "wamid.ORIG1", MessageContent.text("Text was edited"), null,
                        Instant.parse("2023-10-11T17:22:48Z"), RECEIVED, RAW),
                new MessageEdited("wa:wamid.EDIT2", Channel.WHATSAPP, PNID, SHEENA_KEY, SHEENA, "wamid.EDIT2",
                        "wamid.ORIG2", media(MessageType.IMAGE, "new caption", new MediaRef("image", "65463453", null,
                                "image/jpeg", "4654+8g=", null, null, null, null)),
                        null, Instant.parse("2023-10-11T17:22:49Z"), RECEIVED, RAW));
    }

    @Test
    void wa19SystemNumberChangeGivesTheNewWaId() {
        ContactIdentityChanged event = single(vector("wa_19_system_number_changed.json"),
                ContactIdentityChanged.class);

        assertThat(event).isEqualTo(new ContactIdentityChanged(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBRGMUIyQzNENEU1RjZBN0I4QzlEMAA=", Channel.WHATSAPP, PNID,
                "wa:106540352242922:16505559999", Customer.of("16505551234", Map.of("wa_id", "16505551234")),
                "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBRGMUIyQzNENEU1RjZBN0I4QzlEMAA=", "user_changed_number",
                Map.of("wa_id", "16505559999"), "User A changed from 16505551234 to 16505559999",
                Instant.parse("2025-07-30T04:55:15Z"), RECEIVED, RAW, SHEENA_KEY));
    }

    @Test
    void systemUserIdChangeMovesFromThePreviousBsuid() {
        ContactIdentityChanged event = single(inline("messages", "\"messages\":[{\"id\":\"wamid.UIDCHANGE\","
                + "\"timestamp\":\"1753851315\",\"system\":{\"body\":\"User changed from CO.1234567890 to MX.0987654321\","
                + "\"user_id\":\"MX.0987654321\",\"previous_user_id\":\"CO.1234567890\",\"type\":\"user_changed_user_id\"},"
                + "\"type\":\"system\"}]"), ContactIdentityChanged.class);

        assertThat(event).isEqualTo(new ContactIdentityChanged("wa:wamid.UIDCHANGE", Channel.WHATSAPP, PNID,
                "wa:106540352242922:MX.0987654321", Customer.of("CO.1234567890", Map.of("bsuid", "CO.1234567890")),
                "wamid.UIDCHANGE", "user_changed_user_id", Map.of("bsuid", "MX.0987654321"),
                "User changed from CO.1234567890 to MX.0987654321", Instant.parse("2025-07-30T04:55:15Z"), RECEIVED,
                RAW, "wa:106540352242922:CO.1234567890"));
    }

    @Test
    void systemCustomerIdentityChangedCarriesTheIdentityHash() {
        ContactIdentityChanged event = single(inline("messages", SHEENA_CONTACT + ",\"messages\":[{"
                + "\"from\":\"16505551234\",\"id\":\"wamid.IDCHANGE\",\"timestamp\":\"1697044706\","
                + "\"identity\":{\"acknowledged\":true,\"created_timestamp\":\"1697044706\",\"hash\":\"xyzxyz\"},"
                + "\"system\":{\"body\":\"User identity changed\",\"type\":\"customer_identity_changed\"},"
                + "\"type\":\"system\"}]"), ContactIdentityChanged.class);

        assertThat(event).isEqualTo(new ContactIdentityChanged("wa:wamid.IDCHANGE", Channel.WHATSAPP, PNID,
                SHEENA_KEY, SHEENA, "wamid.IDCHANGE", "customer_identity_changed",
                Map.of("identity_key_hash", "xyzxyz"), "User identity changed",
                Instant.parse("2023-10-11T17:18:26Z"), RECEIVED, RAW));
    }

    @Test
    void wa40BsuidOnlyInTheContactEntryKeysTheConversation() {
        MessageReceived event = single(vector("wa_40_text_bsuid_only_in_contacts_CONSTRUCTED.json"),
                MessageReceived.class);

        assertThat(event.conversationKey()).isEqualTo("wa:106540352242922:BR.80021931476659001");
        assertThat(event.customer()).isEqualTo(new Customer("BR.80021931476659001", "Lina", null, null,
                Map.of("bsuid", "BR.80021931476659001", "parent_bsuid", "BR.ENT.55120093347761200"), Map.of()));
        assertThat(event.content()).isEqualTo(MessageContent.text("Only my business id is in the contacts"));
    }

    @Test
    void wa41UsernameUsersAreMatchedToTheirContactEntryByPosition() {
        Normalized normalized = vector("wa_41_text_usernames_in_contacts_CONSTRUCTED.json");

        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.events()).extracting(ConversationEvent::conversationKey).containsExactly(
                "wa:106540352242922:EG.33019283746501928", "wa:106540352242922:JP.77120938475610293");
        assertThat(normalized.events()).extracting(e -> ((MessageReceived) e).customer().username())
                .containsExactly("@omar.k", "@yuki");
    }

    @Test
    void aMessageNamingNobodyAmongSeveralContactsIsNotGuessed() {
        Normalized normalized = inline("messages", "\"contacts\":[{\"wa_id\":\"1\"},{\"wa_id\":\"2\"}],"
                + "\"messages\":[{\"id\":\"wamid.WHO\",\"timestamp\":\"1697043379\",\"type\":\"text\","
                + "\"text\":{\"body\":\"who?\"}}]");

        assertThat(normalized.events()).isEmpty();
        assertThat(normalized.rejections()).extracting(Rejection::reason).containsExactly(
                "entry[0].changes[0].messages[0]: message has neither from nor from_user_id, and no contact names "
                        + "the customer");
    }

    @Test
    void wa42UserIdChangeMovesTheConversationToTheNewBsuid() {
        ContactIdentityChanged event = single(vector("wa_42_system_user_id_changed_CONSTRUCTED.json"),
                ContactIdentityChanged.class);

        assertThat(event.conversationKey()).isEqualTo("wa:106540352242922:US.20482048204820482048");
        assertThat(event.previousConversationKey()).isEqualTo("wa:106540352242922:US.13491208655302741918");
        assertThat(event.rekeys()).isTrue();
        assertThat(event.change()).isEqualTo("user_changed_user_id");
        assertThat(event.newIdentities()).isEqualTo(Map.of("bsuid", "US.20482048204820482048"));
        assertThat(event.customer().identities()).isEqualTo(Map.of("bsuid", "US.13491208655302741918"));
    }

    @Test
    void wa43IdentityKeyChangeKeepsTheConversation() {
        ContactIdentityChanged event = single(vector("wa_43_system_identity_key_changed_CONSTRUCTED.json"),
                ContactIdentityChanged.class);

        assertThat(event.conversationKey()).isEqualTo(SHEENA_KEY);
        assertThat(event.previousConversationKey()).isNull();
        assertThat(event.rekeys()).isFalse();
        assertThat(event.newIdentities()).isEqualTo(Map.of("identity_key_hash", "Sx3n2gHk9A8="));
    }

    @Test
    void numberChangeOfABsuidKeyedCustomerKeepsTheConversationUnlessANewBsuidIsNamed() {
        String head = "\"messages\":[{\"from\":\"16505551234\",\"from_user_id\":\"US.111\",\"id\":\"wamid.NUM\","
                + "\"timestamp\":\"1753851315\",\"type\":\"system\",\"system\":{\"type\":\"user_changed_number\","
                + "\"body\":\"changed\",\"wa_id\":\"16505559999\"";
        ContactIdentityChanged phoneOnly = single(inline("messages", head + "}}]"), ContactIdentityChanged.class);
        ContactIdentityChanged withBsuid = single(inline("messages", head + ",\"user_id\":\"US.222\"}}]"),
                ContactIdentityChanged.class);

        assertThat(phoneOnly.conversationKey()).isEqualTo("wa:106540352242922:US.111");
        assertThat(phoneOnly.previousConversationKey()).isNull();
        assertThat(withBsuid.conversationKey()).isEqualTo("wa:106540352242922:US.222");
        assertThat(withBsuid.previousConversationKey()).isEqualTo("wa:106540352242922:US.111");
    }

    @Test
    void aSystemNoticeNamingOnlyTheNewIdentityIsKeyedOnItNotDeadLettered() {
        ContactIdentityChanged event = single(inline("messages", "\"messages\":[{\"id\":\"wamid.NEWONLY\","
                + "\"timestamp\":\"1753851315\",\"type\":\"system\",\"system\":{\"type\":\"user_changed_user_id\","
                + "\"body\":\"changed\",\"new_user_id\":\"MX.0987654321\"}}]"), ContactIdentityChanged.class);

        assertThat(event.conversationKey()).isEqualTo("wa:106540352242922:MX.0987654321");
        assertThat(event.previousConversationKey()).isNull();
        assertThat(event.newIdentities()).isEqualTo(Map.of("bsuid", "MX.0987654321"));
    }

    // ---- statuses -----------------------------------------------------------------------------------------

    @Test
    void wa30SentWithPricing() {
        DeliveryStatusChanged event = single(vector("wa_30_status_sent_pmp.json"), DeliveryStatusChanged.class);

        assertThat(event).isEqualTo(new DeliveryStatusChanged(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=:sent", Channel.WHATSAPP, PNID,
                SHEENA_KEY, "16505551234", "wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=",
                DeliveryState.SENT, null, List.of(), "marketing", null, Instant.parse("2025-06-15T23:27:53Z"),
                RECEIVED, RAW));
    }

    @Test
    void wa31DeliveredFreeService() {
        DeliveryStatusChanged event = single(vector("wa_31_status_delivered_service.json"),
                DeliveryStatusChanged.class);

        assertThat(event).isEqualTo(new DeliveryStatusChanged(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA:delivered", Channel.WHATSAPP, PNID,
                SHEENA_KEY, "16505551234", "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA",
                DeliveryState.DELIVERED, null, List.of(), "service", null, Instant.parse("2025-06-18T16:22:53Z"),
                RECEIVED, RAW));
    }

    @Test
    void wa32ReadWithoutPricing() {
        DeliveryStatusChanged event = single(vector("wa_32_status_read.json"), DeliveryStatusChanged.class);

        assertThat(event).isEqualTo(new DeliveryStatusChanged(
                "wa:wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA:read", Channel.WHATSAPP, PNID,
                SHEENA_KEY, "16505551234", "wamid.HBgLMTY1MDM4Nzk0MzkVAgARGBI3MTE5MjVBOTE3MDk5QUVFM0YA",
                DeliveryState.READ, null, List.of(), null, null, Instant.parse("2025-06-18T16:25:01Z"), RECEIVED,
                RAW));
    }

    @Test
    void wa33FailedWithReEngagementError() {
        DeliveryStatusChanged event = single(vector("wa_33_status_failed_131047.json"), DeliveryStatusChanged.class);

        assertThat(event).isEqualTo(new DeliveryStatusChanged(
                "wa:wamid.HBgNN5NzAzMDkTUyNzkzNhUEjA1MjUwNCAUIyNEYUQ0OTVGNTY0MwA=:failed", Channel.WHATSAPP, PNID,
                SHEENA_KEY, "16505551234", "wamid.HBgNN5NzAzMDkTUyNzkzNhUEjA1MjUwNCAUIyNEYUQ0OTVGNTY0MwA=",
                DeliveryState.FAILED, null,
                List.of(new ChannelError(131047, null, "Re-engagement message", "Re-engagement message",
                        "Message failed to send because more than 24 hours have passed since the customer last "
                                + "replied to this number.",
                        "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")),
                null, null, Instant.parse("2023-04-28T03:18:07Z"), RECEIVED, RAW));
    }

    @Test
    void playedStatusWithCallbackDataAndBsuidRecipientFromContacts() {
        DeliveryStatusChanged event = single(inline("messages", "\"contacts\":[{\"profile\":{\"name\":\"Test\"},"
                + "\"wa_id\":\"972987654321\",\"user_id\":\"US.13491208655302741918\"}],\"statuses\":[{"
                + "\"id\":\"wamid.OUT1\",\"status\":\"played\",\"timestamp\":1750263901,\"recipient_id\":\"972987654321\","
                + "\"biz_opaque_callback_data\":\"ticket-42\"}]"), DeliveryStatusChanged.class);

        assertThat(event).isEqualTo(new DeliveryStatusChanged("wa:wamid.OUT1:played", Channel.WHATSAPP, PNID,
                "wa:106540352242922:US.13491208655302741918", "US.13491208655302741918", "wamid.OUT1",
                DeliveryState.PLAYED, null, List.of(), null, "ticket-42", Instant.parse("2025-06-18T16:25:01Z"),
                RECEIVED, RAW));
    }

    @Test
    void statusRecipientUserIdWinsOverThePhone() {
        DeliveryStatusChanged event = single(inline("messages", "\"statuses\":[{\"id\":\"wamid.OUT2\","
                + "\"status\":\"delivered\",\"timestamp\":\"1750263901\",\"recipient_user_id\":\"US.555\"}]"),
                DeliveryStatusChanged.class);

        assertThat(event.conversationKey()).isEqualTo("wa:106540352242922:US.555");
        assertThat(event.recipientId()).isEqualTo("US.555");
        assertThat(event.eventId()).isEqualTo("wa:wamid.OUT2:delivered");
    }

    @Test
    void unknownStatusValueIsRejected() {
        Normalized normalized = inline("messages", "\"statuses\":[{\"id\":\"wamid.OUT3\",\"status\":\"deleted\","
                + "\"timestamp\":\"1750263901\",\"recipient_id\":\"16505551234\"},{\"id\":\"wamid.OUT4\","
                + "\"status\":\"read\",\"timestamp\":\"1750263901\",\"recipient_id\":\"16505551234\"}]");

        assertThat(normalized.rejections()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).contains("statuses[0]").contains("unknown status value 'deleted'");
            assertThat(rejection.fragment()).contains("\"wamid.OUT3\"");
        });
        assertThat(normalized.events()).extracting(ConversationEvent::eventId).containsExactly("wa:wamid.OUT4:read");
    }

    // ---- channel errors -----------------------------------------------------------------------------------

    @Test
    void wa35ValueErrorsBecomeAnAccountKeyedChannelError() {
        ChannelErrorReported event = single(vector("wa_35_value_errors_CONSTRUCTED.json"), ChannelErrorReported.class);

        assertThat(event.eventId()).matches("wa:106540352242922:error:130429:[0-9a-f]{16}");
        assertThat(event).isEqualTo(new ChannelErrorReported(event.eventId(), Channel.WHATSAPP, PNID,
                "wa:106540352242922",
                List.of(new ChannelError(130429, null, "Rate limit hit", "(#130429) Rate limit hit",
                        "Cloud API message throughput has been reached.",
                        "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/")),
                RECEIVED, RECEIVED, RAW));
        assertThat(vector("wa_35_value_errors_CONSTRUCTED.json").events()).containsExactly(event);
    }

    @Test
    void channelErrorIdsTellDifferentBodiesApartAndUseTheTimestampWhenGiven() {
        String error = "{\"code\":\"131000\",\"title\":\"Something went wrong\"}";
        ChannelErrorReported one = single(inline("messages", "\"errors\":[" + error + "]"),
                ChannelErrorReported.class);
        ChannelErrorReported other = single(inline("messages", "\"errors\":[" + error + "],\"x\":1"),
                ChannelErrorReported.class);
        ChannelErrorReported timed = single(inline("messages", "\"errors\":[{\"code\":131000,"
                + "\"timestamp\":\"1750263901\"}]"), ChannelErrorReported.class);

        assertThat(one.eventId()).startsWith("wa:106540352242922:error:131000:").isNotEqualTo(other.eventId());
        assertThat(one.errors()).containsExactly(
                new ChannelError(131000, null, "Something went wrong", null, null, null));
        assertThat(timed.eventId()).isEqualTo("wa:106540352242922:error:131000:1750263901");
        assertThat(timed.occurredAt()).isEqualTo(Instant.parse("2025-06-18T16:25:01Z"));
    }

    // ---- echoes -------------------------------------------------------------------------------------------

    @Test
    void smbMessageEchoIsKeyedOnTheRecipient() {
        MessageEchoed event = single(inline("smb_message_echoes", "\"contacts\":[{\"profile\":{\"name\":\"Test Name\"},"
                + "\"wa_id\":\"972987654321\",\"user_id\":\"US.13491208655302741918\","
                + "\"parent_user_id\":\"US.ENT.11815799212886844830\"}],\"message_echoes\":[{\"from\":\"15550783881\","
                + "\"to\":\"972987654321\",\"to_user_id\":\"US.13491208655302741918\","
                + "\"to_parent_user_id\":\"US.ENT.11815799212886844830\",\"id\":\"wamid.ECHO1\","
                + "\"timestamp\":\"1697043223\",\"type\":\"text\",\"text\":{\"body\":\"Sent from the app\"}}]"),
                MessageEchoed.class);

        Customer customer = new Customer("US.13491208655302741918", "Test Name", null, null,
                Map.of("wa_id", "972987654321", "bsuid", "US.13491208655302741918",
                        "parent_bsuid", "US.ENT.11815799212886844830"),
                Map.of());
        assertThat(event).isEqualTo(new MessageEchoed("wa:wamid.ECHO1", Channel.WHATSAPP, PNID,
                "wa:106540352242922:US.13491208655302741918", customer, "wamid.ECHO1",
                Instant.parse("2023-10-11T16:53:43Z"), RECEIVED, MessageContent.text("Sent from the app"), null, null,
                RAW));
    }

    // ---- batches and robustness ---------------------------------------------------------------------------

    @Test
    void batchFansOutEntriesChangesMessagesAndStatusesMatchingEachMessageToItsContact() {
        String body = "{\"object\":\"whatsapp_business_account\",\"entry\":["
                + "{\"id\":\"102290129340398\",\"changes\":["
                + "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Bob\"},\"wa_id\":\"447700900002\"},"
                + "{\"profile\":{\"name\":\"Sheena Nelson\"},\"wa_id\":\"16505551234\"}],"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.B1\",\"timestamp\":\"1749416383\","
                + "\"type\":\"text\",\"text\":{\"body\":\"first\"}},"
                + "{\"from\":\"447700900002\",\"id\":\"wamid.B2\",\"timestamp\":\"1749416384\","
                + "\"type\":\"text\",\"text\":{\"body\":\"second\"}}]}},"
                + "{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\",\"metadata\":{"
                + "\"display_phone_number\":\"15550783881\",\"phone_number_id\":\"106540352242922\"},"
                + "\"statuses\":[{\"id\":\"wamid.OUT9\",\"status\":\"read\",\"timestamp\":\"1749416390\","
                + "\"recipient_id\":\"16505551234\"}]}}]},"
                + "{\"id\":\"999000111\",\"changes\":[{\"field\":\"messages\",\"value\":{\"messaging_product\":\"whatsapp\","
                + "\"metadata\":{\"display_phone_number\":\"15550001111\",\"phone_number_id\":\"222333444\"},"
                + "\"contacts\":[{\"profile\":{\"name\":\"Sheena Nelson\"},\"wa_id\":\"16505551234\"}],"
                + "\"messages\":[{\"from\":\"16505551234\",\"id\":\"wamid.B3\",\"timestamp\":\"1749416385\","
                + "\"type\":\"text\",\"text\":{\"body\":\"other number\"}}]}}]}]}";

        Normalized normalized = normalizer.normalize(parse(body), CONTEXT);

        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.ignored()).isEmpty();
        assertThat(normalized.events()).extracting(ConversationEvent::eventId)
                .containsExactly("wa:wamid.B1", "wa:wamid.B2", "wa:wamid.OUT9:read", "wa:wamid.B3");
        assertThat(normalized.events()).extracting(ConversationEvent::conversationKey).containsExactly(
                SHEENA_KEY, "wa:106540352242922:447700900002", SHEENA_KEY, "wa:222333444:16505551234");
        assertThat(normalized.events()).extracting(ConversationEvent::channelAccountId)
                .containsExactly(PNID, PNID, PNID, "222333444");
        assertThat(normalized.events().subList(0, 2)).extracting(e -> ((MessageReceived) e).customer().displayName())
                .containsExactly("Sheena Nelson", "Bob");
    }

    @Test
    void malformedMessagesAreRejectedOneByOneWhileTheRestNormalizes() {
        Normalized normalized = inline("messages", SHEENA_CONTACT + ",\"messages\":["
                + "{\"from\":\"16505551234\",\"timestamp\":\"1697043379\",\"type\":\"text\",\"text\":{\"body\":\"no id\"}},"
                + "{\"from\":\"16505551234\",\"id\":\"wamid.OK1\",\"timestamp\":\"1697043379\",\"type\":\"text\","
                + "\"text\":{\"body\":\"fine\"}},"
                + "{\"from\":\"16505551234\",\"id\":\"wamid.BADTS\",\"timestamp\":\"yesterday\",\"type\":\"text\","
                + "\"text\":{\"body\":\"bad time\"}},"
                + "{\"from\":\"16505551234\",\"id\":\"wamid.NOLOC\",\"timestamp\":\"1697043379\",\"type\":\"location\","
                + "\"location\":{\"name\":\"nowhere\"}},"
                + "\"not an object\"]");

        assertThat(normalized.events()).singleElement()
                .isEqualTo(received("wamid.OK1", SHEENA_KEY, SHEENA, "2023-10-11T16:56:19Z",
                        MessageContent.text("fine")));
        assertThat(normalized.rejections()).extracting(Rejection::reason).containsExactly(
                "entry[0].changes[0].messages[0]: message without id",
                "entry[0].changes[0].messages[2]: bad timestamp \"yesterday\"",
                "entry[0].changes[0].messages[3]: location without latitude/longitude",
                "entry[0].changes[0].messages[4]: message without id");
        assertThat(normalized.rejections().get(0).fragment()).isEqualTo(
                "{\"from\":\"16505551234\",\"timestamp\":\"1697043379\",\"type\":\"text\",\"text\":{\"body\":\"no id\"}}");
        assertThat(normalized.events()).noneMatch(e -> e.eventId().equals("wa:wamid.NOBODY"));
    }

    @Test
    void unknownFieldsAreIgnoredNotRejected() {
        Normalized normalized = normalizer.normalize(parse("{\"object\":\"whatsapp_business_account\",\"entry\":[{"
                + "\"id\":\"102290129340398\",\"changes\":[{\"field\":\"account_update\",\"value\":{"
                + "\"phone_number\":\"15550783881\",\"event\":\"VERIFIED_ACCOUNT\"}},"
                + "{\"field\":\"message_template_status_update\",\"value\":{\"event\":\"APPROVED\"}}]}]}"), CONTEXT);

        assertThat(normalized.events()).isEmpty();
        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.ignored())
                .containsExactly("field:account_update", "field:message_template_status_update");
    }

    @Test
    void unknownMessageTypeIsReceivedAsUnsupportedAndUnknownMembersAreIgnored() {
        MessageReceived event = single(inline("messages", SHEENA_CONTACT + ",\"future\":{\"a\":1},\"messages\":[{"
                + "\"from\":\"16505551234\",\"from_logical_id\":\"42\",\"id\":\"wamid.NEW1\",\"timestamp\":\"1697043379\","
                + "\"type\":\"hologram\",\"hologram\":{\"id\":\"h1\"}}]"), MessageReceived.class);

        assertThat(event.content()).isEqualTo(new MessageContent(MessageType.UNSUPPORTED, null, null, null, null,
                null, null, null, null, null));
    }

    @Test
    void badBodiesBecomeRejectionsAndNeverThrow() {
        List<String> bodies = List.of("null", "[]", "42", "{}", "{\"object\":\"page\",\"entry\":[]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":{}}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":7}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"value\":{}}]}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"messages\":[]}}]}]}",
                "{\"object\":\"whatsapp_business_account\",\"entry\":[{\"changes\":[{\"field\":\"messages\","
                        + "\"value\":{\"metadata\":{\"phone_number_id\":\"1\"},\"messages\":{\"id\":\"x\"}}}]}]}");
        for (String body : bodies) {
            assertThatCode(() -> {
                Normalized normalized = normalizer.normalize(parse(body), CONTEXT);
                assertThat(normalized.events()).as(body).isEmpty();
                assertThat(normalized.rejections()).as(body).hasSize(1);
            }).as(body).doesNotThrowAnyException();
        }
        assertThat(normalizer.normalize(null, CONTEXT).rejections()).hasSize(1);
        assertThat(normalizer.normalize(parse("{\"object\":\"whatsapp_business_account\",\"entry\":[]}"), CONTEXT))
                .isEqualTo(new Normalized(List.of(), List.of(), List.of()));
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Normalized vector(String file) {
        return normalizer.normalize(read(VECTORS.resolve(file)), CONTEXT);
    }

    /** A one-entry, one-change webhook on phone number {@value #PNID} with the given members of {@code value}. */
    private Normalized inline(String field, String valueMembers) {
        return normalizer.normalize(parse("{\"object\":\"whatsapp_business_account\",\"entry\":[{"
                + "\"id\":\"102290129340398\",\"changes\":[{\"field\":\"" + field + "\",\"value\":{"
                + "\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PNID + "\"}," + valueMembers + "}}]}]}"), CONTEXT);
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static <T extends ConversationEvent> T single(Normalized normalized, Class<T> type) {
        assertThat(normalized.rejections()).isEmpty();
        assertThat(normalized.ignored()).isEmpty();
        assertThat(normalized.events()).singleElement().isInstanceOf(type);
        return type.cast(normalized.events().get(0));
    }

    private static MessageReceived received(String wamid, String conversationKey, Customer customer,
            String occurredAt, MessageContent content) {
        return new MessageReceived("wa:" + wamid, Channel.WHATSAPP, PNID, conversationKey, customer, wamid,
                Instant.parse(occurredAt), RECEIVED, content, RAW);
    }

    private static MessageContent media(MessageType type, String caption, MediaRef ref) {
        return new MessageContent(type, caption, null, List.of(ref), null, null, null, null, null, null);
    }

    private static MessageContent reply(MessageType type, String text, String payload, String quotedWamid) {
        return new MessageContent(type, text, payload, null, null, null, null, ReplyContext.quoting(quotedWamid),
                null, null);
    }
}
