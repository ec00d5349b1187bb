package io.switchboard.ingress.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageEchoed;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageType;
import io.switchboard.events.RawRef;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.ThreadControlPassed;
import io.switchboard.events.ThreadControlRequested;
import io.switchboard.events.ThreadControlTaken;
import io.switchboard.events.Topics;
import io.switchboard.ingress.Webhooks;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.Rejection;
import io.switchboard.ingress.normalize.WebhookContext;

class MessagingNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path VECTORS = Webhooks.vectors();

    private static final Instant RECEIVED = Instant.parse("2026-09-12T10:00:00Z");
    private static final RawRef RAW = new RawRef(Topics.RAW_WEBHOOKS, 3, 42L);
    private static final WebhookContext CONTEXT = new WebhookContext("default", RECEIVED, RAW);

    private static final String PAGE = "1049387362841023";
    private static final String PSID = "7214489412011234";
    private static final String FB_CONVERSATION = "fb:" + PAGE + ":" + PSID;
    private static final Customer FB_CUSTOMER = Customer.of(PSID, Map.of("psid", PSID));

    private static final String IG = "17841405726653026";
    private static final String IGSID = "1205791344555123";
    private static final String IG_CONVERSATION = "ig:" + IG + ":" + IGSID;
    private static final Customer IG_CUSTOMER = Customer.of(IGSID, Map.of("igsid", IGSID));
    private static final String IG_MID_PREFIX = "aWdfZAG1faXRlbToxOklHTWVzc2FnZAUlEOjE3ODQxNDA1NzI2NjUzMDI2"
            + "OjM0MDI4MjM2Njg0MTcxMDMwMTI0NDI1OTc0MjM5OTg5NzA5NTE2";

    private final MessagingNormalizer normalizer = new MessagingNormalizer();

    // --- the sample payloads -------------------------------------------------------------------------------------

    /** What each fb_* / ig_* vector must become, event for event. A new vector without an entry here fails. */
    private static final Map<String, List<ConversationEvent>> VECTOR_EVENTS = Map.ofEntries(
            Map.entry("fb_01_text_quick_reply.json", List.of(new MessageReceived(
                    "fb:m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fp", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_QPpz5jdCK48PnKAjSdjfipqxqMvK8ma6AC8fp",
                    millis(1750400000001L), RECEIVED,
                    content(MessageType.QUICK_REPLY, "Red", "COLOR_RED", List.of(), null, null), RAW))),
            Map.entry("fb_02_text_reply_to.json", List.of(new MessageReceived(
                    "fb:m_1457764197618:41d102a3e1ae206a38", Channel.MESSENGER, PAGE, FB_CONVERSATION, FB_CUSTOMER,
                    "m_1457764197618:41d102a3e1ae206a38", millis(1750400000002L), RECEIVED,
                    content(MessageType.TEXT, "hello, world!", null, List.of(),
                            ReplyContext.quoting("m_1fTq8oLumEyIp3Q2MR-aY7IfLZDamVrALniheU"), null),
                    RAW))),
            Map.entry("fb_04_echo.json", List.of(new MessageEchoed(
                    "fb:m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO", Channel.MESSENGER, PAGE, FB_CONVERSATION, FB_CUSTOMER,
                    "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO", millis(1750400000004L), RECEIVED,
                    MessageContent.text("Thanks, an agent will follow up."), "1517776481860111",
                    "agent:42;outbound:9f1c", RAW))),
            Map.entry("fb_05_delivery.json", List.of(new DeliveryStatusChanged(
                    "fb:m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO:delivered", Channel.MESSENGER, PAGE, FB_CONVERSATION, PSID,
                    "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO", DeliveryState.DELIVERED, millis(1750400000500L), List.of(),
                    null, null, millis(1750400000500L), RECEIVED, RAW))),
            Map.entry("fb_06_read.json", List.of(new DeliveryStatusChanged(
                    "fb:7214489412011234:1750400000500:read", Channel.MESSENGER, PAGE, FB_CONVERSATION, PSID, null,
                    DeliveryState.READ, millis(1750400000500L), List.of(), null, null, millis(1750400000600L),
                    RECEIVED, RAW))),
            Map.entry("fb_08_postback.json", List.of(new MessageReceived(
                    "fb:m_POSTBACK_1", Channel.MESSENGER, PAGE, FB_CONVERSATION, FB_CUSTOMER, "m_POSTBACK_1",
                    millis(1750400000800L), RECEIVED,
                    new MessageContent(MessageType.POSTBACK, "Get Started", "GET_STARTED", null, null, null, null,
                            null, referral("SHORTLINK", "OPEN_THREAD", "spring_campaign"), null),
                    RAW))),
            Map.entry("ig_01_text.json", List.of(new MessageReceived(
                    "ig:" + IG_MID_PREFIX + "MA", Channel.INSTAGRAM, IG, IG_CONVERSATION, IG_CUSTOMER,
                    IG_MID_PREFIX + "MA", millis(1750500000001L), RECEIVED,
                    MessageContent.text("Do you ship to Canada?"), RAW))),
            Map.entry("ig_02_echo.json", List.of(new MessageEchoed(
                    "ig:" + IG_MID_PREFIX + "MQ", Channel.INSTAGRAM, IG, IG_CONVERSATION, IG_CUSTOMER,
                    IG_MID_PREFIX + "MQ", millis(1750500000002L), RECEIVED, MessageContent.text("Yes, we do!"), null,
                    null, RAW))),
            Map.entry("ig_04_image.json", List.of(new MessageReceived(
                    "ig:" + IG_MID_PREFIX + "Mw", Channel.INSTAGRAM, IG, IG_CONVERSATION, IG_CUSTOMER,
                    IG_MID_PREFIX + "Mw", millis(1750500000004L), RECEIVED,
                    content(MessageType.IMAGE, null, null, List.of(MediaRef.ofUrl("image",
                            "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=18000000000000000&signature=def")),
                            null, null),
                    RAW))),
            Map.entry("ig_05_reaction.json", List.of(new MessageReacted(
                    "ig:" + IG_MID_PREFIX + "MQ:react:1750500000005", Channel.INSTAGRAM, IG, IG_CONVERSATION,
                    IG_CUSTOMER, null, IG_MID_PREFIX + "MQ", "\u2764\ufe0f", "love", false, millis(1750500000005L),
                    RECEIVED, RAW))),
            Map.entry("ig_06_seen.json", List.of(new DeliveryStatusChanged(
                    "ig:" + IG_MID_PREFIX + "MQ:read", Channel.INSTAGRAM, IG, IG_CONVERSATION, IGSID,
                    IG_MID_PREFIX + "MQ", DeliveryState.READ, null, List.of(), null, null, millis(1750500000006L),
                    RECEIVED, RAW))),
            // Without sender: a receipt of the mid alone, under the account's key (outbound finds it by the mid).
            Map.entry("ig_08_seen_without_sender_CONSTRUCTED.json", List.of(new DeliveryStatusChanged(
                    "ig:" + IG_MID_PREFIX + "Mg:read", Channel.INSTAGRAM, IG, "ig:" + IG, null,
                    IG_MID_PREFIX + "Mg", DeliveryState.READ, null, List.of(), null, null, millis(1750500000206L),
                    RECEIVED, RAW))),
            // Without sender: the edit of the mid it names, under the account's key, with no customer.
            Map.entry("ig_09_edit_without_sender_CONSTRUCTED.json", List.of(new MessageEdited(
                    "ig:" + IG_MID_PREFIX + "MA:edited:1", Channel.INSTAGRAM, IG, "ig:" + IG, null,
                    IG_MID_PREFIX + "MA", IG_MID_PREFIX + "MA", MessageContent.text("Do you ship to Canada and Mexico?"),
                    1, millis(1750500000301L), RECEIVED, RAW))),
            Map.entry("fb_20_pass_thread_control.json", List.of(new ThreadControlPassed(
                    "fb:pass_thread_control:" + PAGE + ":" + PSID + ":1750400100001", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, "1517776481860111", "4410000000000001",
                    "bot could not help: customer asked for a person", millis(1750400100001L), RECEIVED, RAW))),
            Map.entry("fb_21_take_thread_control.json", List.of(new ThreadControlTaken(
                    "fb:take_thread_control:" + PAGE + ":" + PSID + ":1750400200001", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, "4410000000000001", "263902037430900",
                    "taken over from the Page inbox", millis(1750400200001L), RECEIVED, RAW))),
            Map.entry("fb_22_request_thread_control.json", List.of(new ThreadControlRequested(
                    "fb:request_thread_control:" + PAGE + ":" + PSID + ":1750400300001", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, "1517776481860111", "order bot wants the thread back",
                    millis(1750400300001L), RECEIVED, RAW))),
            Map.entry("fb_23_standby_text.json", List.of(new MessageReceived("fb:m_STANDBY_1", Channel.MESSENGER,
                    PAGE, FB_CONVERSATION, FB_CUSTOMER, "m_STANDBY_1", millis(1750400400001L), RECEIVED,
                    MessageContent.text("where is my order?"), RAW, true))),
            Map.entry("ig_20_pass_thread_control.json", List.of(new ThreadControlPassed(
                    "ig:pass_thread_control:" + IG + ":" + IGSID + ":1750500100001", Channel.INSTAGRAM, IG,
                    IG_CONVERSATION, IG_CUSTOMER, null, "4410000000000001", null, millis(1750500100001L), RECEIVED,
                    RAW))));

    static Stream<String> vectorFiles() throws IOException {
        try (Stream<Path> files = Files.list(VECTORS)) {
            List<String> names = files.map(file -> file.getFileName().toString())
                    .filter(name -> (name.startsWith("fb_") || name.startsWith("ig_")) && name.endsWith(".json"))
                    .sorted()
                    .collect(Collectors.toList());
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("vectorFiles")
    void everyMessengerAndInstagramVectorNormalizesExactly(String file) {
        assertThat(VECTOR_EVENTS).as("expected events for %s", file).containsKey(file);

        Normalized result = normalizer.normalize(vector(file), CONTEXT);

        assertThat(result.rejections()).isEmpty();
        assertThat(result.ignored()).isEmpty();
        assertThat(result.events()).containsExactlyElementsOf(VECTOR_EVENTS.get(file));
    }

    @Test
    void theVectorDirectoryHoldsEveryExpectedVector() throws IOException {
        assertThat(vectorFiles()).containsExactlyInAnyOrderElementsOf(VECTOR_EVENTS.keySet());
    }

    @Test
    void theSameWebhookAlwaysGivesTheSameEvents() {
        JsonNode body = vector("fb_01_text_quick_reply.json");

        assertThat(normalizer.normalize(body, CONTEXT)).isEqualTo(normalizer.normalize(body, CONTEXT));
    }

    // --- cases the sample payloads do not cover -------------------------------------------------------------------

    @Nested
    class Messages {

        @Test
        void imageAttachment() {
            Normalized result = normalizer.normalize(fb("{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":"
                    + "{\"id\":\"" + PAGE + "\"},\"timestamp\":1750400000003,\"message\":{\"mid\":"
                    + "\"m_$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c\",\"attachments\":[{\"type\":\"image\",\"payload\":"
                    + "{\"url\":\"https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?_nc_cat=1&oh=abc"
                    + "&oe=6A000000\"}}]}}"),
                    CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("fb:m_$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c",
                    Channel.MESSENGER, PAGE, FB_CONVERSATION, FB_CUSTOMER, "m_$cAAJdkrCd2ORnva8ErFhjGm0X_Q_c",
                    millis(1750400000003L), RECEIVED,
                    content(MessageType.IMAGE, null, null, List.of(MediaRef.ofUrl("image",
                            "https://scontent.xx.fbcdn.net/v/t1.15752-9/photo.jpg?_nc_cat=1&oh=abc&oe=6A000000")),
                            null, null),
                    RAW));
        }

        @ParameterizedTest
        @CsvSource({
                "audio, audio, AUDIO",
                "video, video, VIDEO",
                "file, file, DOCUMENT",
                "sticker, sticker, STICKER",
                "reel, reel, SHARE",
                "ig_reel, ig_reel, SHARE",
                "post, post, SHARE",
                "ig_post, ig_post, SHARE",
                "share, share, SHARE",
                "story_mention, story_mention, SHARE",
                "fallback, fallback, SHARE",
        })
        void attachmentTypes(String attachmentType, String kind, MessageType type) {
            Normalized result = normalizer.normalize(ig(inbound("\"message\":{\"mid\":\"m_1\",\"attachments\":"
                    + "[{\"type\":\"" + attachmentType + "\",\"payload\":{\"url\":\"https://cdn.example/x\"}}]}")),
                    CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("ig:m_1", Channel.INSTAGRAM, IG,
                    IG_CONVERSATION, IG_CUSTOMER, "m_1", millis(1750500000009L), RECEIVED,
                    content(type, null, null, List.of(MediaRef.ofUrl(kind, "https://cdn.example/x")), null, null),
                    RAW));
        }

        @Test
        void messengerThumbsUpIsAStickerAndALinkShareWithoutPayloadKeepsItsKind() {
            Normalized result = normalizer.normalize(fb(inboundFb("\"message\":{\"mid\":\"m_2\",\"attachments\":["
                    + "{\"type\":\"image\",\"payload\":{\"url\":\"https://cdn.example/like.png\","
                    + "\"sticker_id\":369239263222822}},"
                    + "{\"type\":\"fallback\"}]}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("fb:m_2", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, "m_2", millis(1750400000009L), RECEIVED,
                    content(MessageType.STICKER, null, null, List.of(
                            MediaRef.ofUrl("sticker", "https://cdn.example/like.png"),
                            MediaRef.ofUrl("fallback", null)), null, null),
                    RAW));
        }

        @Test
        void instagramStoryReply() {
            Normalized result = normalizer.normalize(ig(inbound("\"message\":{\"mid\":\"m_story\",\"text\":"
                    + "\"Love this!\",\"reply_to\":{\"story\":{\"url\":\"https://lookaside.fbsbx.com/ig_messaging_cdn/"
                    + "?asset_id=17900000000000000&signature=abc\",\"id\":\"17900000000000000\"}}}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("ig:m_story", Channel.INSTAGRAM, IG,
                    IG_CONVERSATION, IG_CUSTOMER, "m_story", millis(1750500000009L), RECEIVED,
                    content(MessageType.TEXT, "Love this!", null, List.of(), new ReplyContext(null, false, false,
                            null, null, "17900000000000000",
                            "https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=17900000000000000&signature=abc"),
                            null),
                    RAW));
        }

        @Test
        void instagramAdReferralInsideAMessage() {
            Normalized result = normalizer.normalize(ig(inbound("\"message\":{\"mid\":\"m_ad\",\"text\":\"Hi\","
                    + "\"referral\":{\"ref\":\"summer\",\"ad_id\":\"6000001\",\"source\":\"ADS\",\"type\":"
                    + "\"OPEN_THREAD\",\"ads_context_data\":{\"ad_title\":\"Summer sale\",\"photo_url\":"
                    + "\"https://cdn.example/ad.jpg\"}}}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("ig:m_ad", Channel.INSTAGRAM, IG,
                    IG_CONVERSATION, IG_CUSTOMER, "m_ad", millis(1750500000009L), RECEIVED,
                    content(MessageType.TEXT, "Hi", null, List.of(), null, new Referral("ADS", "OPEN_THREAD", null,
                            null, "summer", "6000001", "Summer sale", null, "image", "https://cdn.example/ad.jpg",
                            null)),
                    RAW));
        }

        @Test
        void unsupportedInstagramContent() {
            Normalized result = normalizer.normalize(ig(inbound("\"message\":{\"mid\":\"m_u\","
                    + "\"is_unsupported\":true}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("ig:m_u", Channel.INSTAGRAM, IG,
                    IG_CONVERSATION, IG_CUSTOMER, "m_u", millis(1750500000009L), RECEIVED,
                    content(MessageType.UNSUPPORTED, null, null, List.of(), null, null), RAW));
        }

        @Test
        void instagramUnsendRevokesTheMessage() {
            Normalized result = normalizer.normalize(ig(inbound("\"message\":{\"mid\":\"m_gone\","
                    + "\"is_deleted\":true}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageRevoked("ig:m_gone:deleted", Channel.INSTAGRAM,
                    IG, IG_CONVERSATION, IG_CUSTOMER, "m_gone", "m_gone", millis(1750500000009L), RECEIVED, RAW));
        }

        @Test
        void messageEdit() {
            Normalized result = normalizer.normalize(ig(inbound("\"message_edit\":{\"mid\":\"m_e\",\"text\":"
                    + "\"Do you ship to Canada and Mexico?\",\"num_edit\":2}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageEdited("ig:m_e:edited:2", Channel.INSTAGRAM, IG,
                    IG_CONVERSATION, IG_CUSTOMER, "m_e", "m_e",
                    MessageContent.text("Do you ship to Canada and Mexico?"), 2, millis(1750500000009L), RECEIVED,
                    RAW));
        }

        @Test
        void standaloneReferral() {
            Normalized result = normalizer.normalize(fb(inboundFb("\"referral\":{\"ref\":\"winter\",\"source\":"
                    + "\"SHORTLINK\",\"type\":\"OPEN_THREAD\"}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived(
                    "fb:" + PSID + ":1750400000009:referral", Channel.MESSENGER, PAGE, FB_CONVERSATION, FB_CUSTOMER,
                    null, millis(1750400000009L), RECEIVED, new MessageContent(MessageType.REFERRAL, null, null,
                            null, null, null, null, null, referral("SHORTLINK", "OPEN_THREAD", "winter"), null),
                    RAW));
        }

        @Test
        void postbackWithTimestampInSecondsAsString() {
            Normalized result = normalizer.normalize(fb("{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":"
                    + "{\"id\":\"" + PAGE + "\"},\"timestamp\":\"1527459824\",\"postback\":{\"title\":\"Menu\","
                    + "\"payload\":\"MENU\"}}"), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived(
                    "fb:" + PSID + ":1527459824000:postback", Channel.MESSENGER, PAGE, FB_CONVERSATION, FB_CUSTOMER,
                    null, millis(1527459824000L), RECEIVED, new MessageContent(MessageType.POSTBACK, "Menu", "MENU",
                            null, null, null, null, null, null, null),
                    RAW));
        }
    }

    @Nested
    class Reactions {

        @Test
        void messengerReact() {
            Normalized result = normalizer.normalize(fb(inboundFb("\"reaction\":{\"reaction\":\"love\",\"emoji\":"
                    + "\"\\u2764\\ufe0f\",\"action\":\"react\",\"mid\":\"m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO\"}")),
                    CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReacted(
                    "fb:m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO:react:1750400000009", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, null, "m_AG5Hz2Uq7tuwNEhXfYYKj8mJEM_ECHO", "\u2764\ufe0f", "love",
                    false, millis(1750400000009L), RECEIVED, RAW));
        }

        @Test
        void unreactRemovesTheReaction() {
            Normalized result = normalizer.normalize(ig(inbound("\"reaction\":{\"mid\":\"m_r\",\"action\":"
                    + "\"unreact\"}")), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReacted("ig:m_r:unreact:1750500000009",
                    Channel.INSTAGRAM, IG, IG_CONVERSATION, IG_CUSTOMER, null, "m_r", null, null, true,
                    millis(1750500000009L), RECEIVED, RAW));
        }
    }

    @Nested
    class Receipts {

        @Test
        void deliveryWithoutMidsIsOneWatermarkReceiptAtTheWatermark() {
            Normalized result = normalizer.normalize(fb("{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":"
                    + "{\"id\":\"" + PAGE + "\"},\"delivery\":{\"watermark\":1750400000500}}"), CONTEXT);

            assertThat(result.events()).containsExactly(new DeliveryStatusChanged(
                    "fb:" + PSID + ":1750400000500:delivered", Channel.MESSENGER, PAGE, FB_CONVERSATION, PSID, null,
                    DeliveryState.DELIVERED, millis(1750400000500L), List.of(), null, null, millis(1750400000500L),
                    RECEIVED, RAW));
        }

        @Test
        void deliveryOfSeveralMidsIsOneReceiptPerMidAtTheTimestamp() {
            Normalized result = normalizer.normalize(fb(inboundFb("\"delivery\":{\"mids\":[\"m_a\",\"m_b\"],"
                    + "\"watermark\":1750400000500}")), CONTEXT);

            assertThat(result.events()).containsExactly(
                    new DeliveryStatusChanged("fb:m_a:delivered", Channel.MESSENGER, PAGE, FB_CONVERSATION, PSID,
                            "m_a", DeliveryState.DELIVERED, millis(1750400000500L), List.of(), null, null,
                            millis(1750400000009L), RECEIVED, RAW),
                    new DeliveryStatusChanged("fb:m_b:delivered", Channel.MESSENGER, PAGE, FB_CONVERSATION, PSID,
                            "m_b", DeliveryState.DELIVERED, millis(1750400000500L), List.of(), null, null,
                            millis(1750400000009L), RECEIVED, RAW));
        }
    }

    @Nested
    class Batches {

        @Test
        void standbyItemsNormalizeLikeMessagingItemsMarkedStandby() {
            String item = inboundFb("\"message\":{\"mid\":\"m_s\",\"text\":\"Is anyone there?\"}");
            JsonNode standby = json("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1750400000123,"
                    + "\"standby\":[" + item + "]}]}");

            Normalized result = normalizer.normalize(standby, CONTEXT);

            MessageReceived owned = new MessageReceived("fb:m_s", Channel.MESSENGER, PAGE, FB_CONVERSATION,
                    FB_CUSTOMER, "m_s", millis(1750400000009L), RECEIVED, MessageContent.text("Is anyone there?"), RAW);
            assertThat(result.events()).containsExactly(owned.asStandby());
            assertThat(result.ignored()).isEmpty();
            assertThat(normalizer.normalize(fb(item), CONTEXT).events()).containsExactly(owned);
        }

        @Test
        void standbyReceiptsAndEchoesAreNotMarked() {
            String read = inboundFb("\"read\":{\"watermark\":1750400000500}");
            JsonNode standby = json("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1750400000123,"
                    + "\"standby\":[" + read + "]}]}");

            assertThat(normalizer.normalize(standby, CONTEXT)).isEqualTo(normalizer.normalize(fb(read), CONTEXT));
        }

        @Test
        void appRolesIsKeptRawAndIgnored() {
            JsonNode roles = json("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1750400000123,"
                    + "\"messaging\":[{\"recipient\":{\"id\":\"" + PAGE + "\"},\"timestamp\":1750400000009,"
                    + "\"app_roles\":{\"4410000000000001\":[\"primary_receiver\"]}}]}]}");

            Normalized result = normalizer.normalize(roles, CONTEXT);

            assertThat(result.events()).isEmpty();
            assertThat(result.rejections()).isEmpty();
            assertThat(result.ignored()).containsExactly("messaging:app_roles");
        }

        @Test
        void aHandoverWithoutItsAppIdIsRejected() {
            Normalized result = normalizer.normalize(fb(inboundFb("\"pass_thread_control\":{\"metadata\":\"x\"}")),
                    CONTEXT);

            assertThat(result.events()).isEmpty();
            assertThat(result.rejections()).extracting(Rejection::reason)
                    .containsExactly("pass_thread_control.new_owner_app_id is missing");
        }

        @Test
        void fansOutEntriesTimesMessagingAndStandby() {
            JsonNode body = json("{\"object\":\"page\",\"entry\":["
                    + "{\"id\":\"" + PAGE + "\",\"time\":1750400000123,\"messaging\":["
                    + inboundFb("\"message\":{\"mid\":\"m_1\",\"text\":\"one\"}") + ","
                    + inboundFb("\"message\":{\"mid\":\"m_2\",\"text\":\"two\"}") + "],\"standby\":["
                    + inboundFb("\"message\":{\"mid\":\"m_3\",\"text\":\"three\"}") + "]},"
                    + "{\"id\":\"2000000000000001\",\"time\":1750400000123,\"messaging\":["
                    + "{\"sender\":{\"id\":\"42\"},\"recipient\":{\"id\":\"2000000000000001\"},\"timestamp\":"
                    + "1750400000010,\"message\":{\"mid\":\"m_4\",\"text\":\"four\"}}]}]}");

            Normalized result = normalizer.normalize(body, CONTEXT);

            assertThat(result.events()).extracting(ConversationEvent::eventId)
                    .containsExactly("fb:m_1", "fb:m_2", "fb:m_3", "fb:m_4");
            assertThat(result.events()).extracting(ConversationEvent::conversationKey)
                    .containsExactly(FB_CONVERSATION, FB_CONVERSATION, FB_CONVERSATION, "fb:2000000000000001:42");
        }

        @Test
        void aMalformedItemIsRejectedWhileItsNeighbourNormalizes() {
            String bad = inboundFb("\"message\":{\"text\":\"no mid\"}");
            String good = inboundFb("\"message\":{\"mid\":\"m_ok\",\"text\":\"fine\"}");

            Normalized result = normalizer.normalize(fb(bad + "," + good), CONTEXT);

            assertThat(result.events()).containsExactly(new MessageReceived("fb:m_ok", Channel.MESSENGER, PAGE,
                    FB_CONVERSATION, FB_CUSTOMER, "m_ok", millis(1750400000009L), RECEIVED,
                    MessageContent.text("fine"), RAW));
            assertThat(result.rejections()).containsExactly(
                    new Rejection("message.mid is missing", json(bad).toString()));
        }

        @Test
        void anItemIsRejectedWholeNotHalfNormalized() {
            String bad = inboundFb("\"delivery\":{\"mids\":[\"m_a\",7],\"watermark\":1750400000500}");

            Normalized result = normalizer.normalize(fb(bad), CONTEXT);

            assertThat(result.events()).isEmpty();
            assertThat(result.rejections()).containsExactly(
                    new Rejection("delivery.mids holds a non-string: 7", json(bad).toString()));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"sender\":{\"id\":\"1\"},\"recipient\":{\"id\":\"2\"},\"timestamp\":\"soon\","
                        + "\"message\":{\"mid\":\"m\",\"text\":\"t\"}}"
                        + "| timestamp is not a timestamp: \"soon\"",
                "{\"recipient\":{\"id\":\"2\"},\"timestamp\":1,\"message\":{\"mid\":\"m\",\"text\":\"t\"}}"
                        + "| sender.id is missing",
                "{\"sender\":{\"id\":\"1\"},\"timestamp\":1750400000009,\"message\":{\"mid\":\"m\",\"is_echo\":true}}"
                        + "| recipient.id is missing",
                "{\"sender\":{\"id\":\"1\"},\"timestamp\":1750400000009,\"message\":{\"mid\":\"m\",\"attachments\":{}}}"
                        + "| message.attachments is not an array",
                "{\"sender\":{\"id\":\"1\"},\"timestamp\":1750400000009,\"message\":\"hello\"}"
                        + "| message is not an object",
                "{\"sender\":{\"id\":\"1\"},\"timestamp\":1750400000009,"
                        + "\"reaction\":{\"mid\":\"m\",\"action\":\"like\"}}"
                        + "| reaction.action is neither react nor unreact: like",
                "{\"sender\":{\"id\":\"1\"},\"delivery\":{\"mids\":[]}}"
                        + "| delivery has neither mids nor watermark",
                "{\"sender\":{\"id\":\"1\"},\"timestamp\":1750400000009,\"read\":{}}"
                        + "| read has neither mid nor watermark",
                "{\"timestamp\":1750400000009,\"read\":{\"watermark\":1750400000000}}"
                        + "| read has neither sender nor mid",
                "{\"sender\":{\"id\":\"1\"}}"
                        + "| messaging item has no event",
                "[1,2]"
                        + "| messaging item is not an object",
        })
        void malformedItemsAreRejectedWithTheirJson(String item, String reason) {
            Normalized result = normalizer.normalize(fb(item), CONTEXT);

            assertThat(result.events()).isEmpty();
            assertThat(result.rejections()).containsExactly(new Rejection(reason, json(item).toString()));
        }

        @Test
        void unknownEventKeysAreIgnoredByName() {
            Normalized result = normalizer.normalize(fb(inboundFb("\"optin\":{\"ref\":\"x\"}") + ","
                    + inboundFb("\"policy_enforcement\":{\"action\":\"block\"}")), CONTEXT);

            assertThat(result.events()).isEmpty();
            assertThat(result.rejections()).isEmpty();
            assertThat(result.ignored()).containsExactly("messaging:optin", "messaging:policy_enforcement");
        }

        @Test
        void instagramCommentChangesAreIgnored() {
            Normalized result = normalizer.normalize(json("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG
                    + "\",\"time\":1750500000123,\"changes\":[{\"field\":\"comments\",\"value\":{\"id\":\"1\"}}]}]}"),
                    CONTEXT);

            assertThat(result.events()).isEmpty();
            assertThat(result.ignored()).containsExactly("changes:comments");
        }

        @Test
        void anEntryWithoutIdIsRejectedAndTheNextEntryStillNormalizes() {
            JsonNode body = json("{\"object\":\"page\",\"entry\":[{\"time\":1,\"messaging\":[]},"
                    + "{\"id\":\"" + PAGE + "\",\"messaging\":[" + inboundFb("\"message\":{\"mid\":\"m_1\","
                    + "\"text\":\"x\"}") + "]}]}");

            Normalized result = normalizer.normalize(body, CONTEXT);

            assertThat(result.events()).extracting(ConversationEvent::eventId).containsExactly("fb:m_1");
            assertThat(result.rejections()).containsExactly(
                    new Rejection("entry without id", "{\"time\":1,\"messaging\":[]}"));
        }

        @Test
        void anItemWithoutTimestampTakesTheEntryTime() {
            Normalized result = normalizer.normalize(fb("{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":"
                    + "{\"id\":\"" + PAGE + "\"},\"message\":{\"mid\":\"m_t\",\"text\":\"x\"}}"), CONTEXT);

            assertThat(result.events()).extracting(ConversationEvent::occurredAt)
                    .containsExactly(millis(1750400000123L));
        }

        @Test
        void bodiesThatAreNotMessagingWebhooksAreRejectedWithoutThrowing() {
            for (String body : List.of("{\"object\":\"whatsapp_business_account\",\"entry\":[]}",
                    "{\"object\":\"page\"}", "{\"object\":\"page\",\"entry\":{}}", "[]", "\"page\"", "null")) {
                assertThatCode(() -> assertThat(normalizer.normalize(json(body), CONTEXT).rejections())
                        .as(body).hasSize(1)).doesNotThrowAnyException();
            }
            assertThat(normalizer.normalize(null, CONTEXT).rejections()).hasSize(1);
            assertThat(normalizer.normalize(vector("fb_01_text_quick_reply.json"), null).events()).hasSize(1);
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------------

    private static Instant millis(long epochMillis) {
        return Instant.ofEpochMilli(epochMillis);
    }

    private static MessageContent content(MessageType type, String text, String payload, List<MediaRef> media,
            ReplyContext replyTo, Referral referral) {
        return new MessageContent(type, text, payload, media, null, null, null, replyTo, referral, null);
    }

    private static Referral referral(String source, String type, String ref) {
        return new Referral(source, type, null, null, ref, null, null, null, null, null, null);
    }

    /** A customer-to-page Messenger item at 1750400000009 with the given event. */
    private static String inboundFb(String event) {
        return "{\"sender\":{\"id\":\"" + PSID + "\"},\"recipient\":{\"id\":\"" + PAGE + "\"},"
                + "\"timestamp\":1750400000009," + event + "}";
    }

    /** A customer-to-account Instagram item at 1750500000009 with the given event. */
    private static String inbound(String event) {
        return "{\"sender\":{\"id\":\"" + IGSID + "\"},\"recipient\":{\"id\":\"" + IG + "\"},"
                + "\"timestamp\":1750500000009," + event + "}";
    }

    private static JsonNode fb(String items) {
        return json("{\"object\":\"page\",\"entry\":[{\"id\":\"" + PAGE + "\",\"time\":1750400000123,"
                + "\"messaging\":[" + items + "]}]}");
    }

    private static JsonNode ig(String items) {
        return json("{\"object\":\"instagram\",\"entry\":[{\"id\":\"" + IG + "\",\"time\":1750500000123,"
                + "\"messaging\":[" + items + "]}]}");
    }

    private static JsonNode vector(String file) {
        try {
            return JSON.readTree(Files.readAllBytes(VECTORS.resolve(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
