package io.switchboard.ingress.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.events.RawRef;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/** What cannot be read is a dead letter, what is merely not handled is counted and skipped (docs/channels.md §5.3). */
class TelegramNormalizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant RECEIVED = Instant.parse("2026-12-04T18:00:00Z");
    private static final WebhookContext CONTEXT = new WebhookContext("7000000001", RECEIVED,
            new RawRef("switchboard.raw-webhooks.v1", 0, 42));

    private static Normalized normalize(String body) throws Exception {
        JsonNode node = JSON.readTree(body);
        return new TelegramNormalizer().normalize(node, CONTEXT);
    }

    @Test
    void anUpdateWithoutANumericUpdateIdOrAMessageWithoutAChatIsADeadLetter() throws Exception {
        assertThat(normalize("{\"message\":{\"message_id\":1,\"chat\":{\"id\":5},\"text\":\"x\"}}").rejections())
                .singleElement().satisfies(r -> assertThat(r.reason()).contains("update_id"));
        assertThat(normalize("{\"update_id\":\"12\",\"message\":{}}").rejections()).hasSize(1);
        assertThat(normalize("[1]").rejections()).hasSize(1);
        Normalized noChat = normalize("{\"update_id\":12,\"message\":{\"message_id\":1,\"text\":\"x\"}}");
        assertThat(noChat.events()).isEmpty();
        assertThat(noChat.rejections()).singleElement().satisfies(r -> assertThat(r.reason()).contains("chat.id"));
    }

    @Test
    void unknownKindsGroupMemberChangesAndBotsAreCountedNotRejected() throws Exception {
        Normalized poll = normalize("{\"update_id\":13,\"poll\":{\"id\":\"1\",\"question\":\"?\"}}");
        assertThat(poll.events()).isEmpty();
        assertThat(poll.rejections()).isEmpty();
        assertThat(poll.ignored()).containsExactly("update:poll");
        assertThat(normalize("{\"update_id\":14,\"my_chat_member\":{\"chat\":{\"id\":-100,\"type\":\"group\"},"
                + "\"date\":1,\"new_chat_member\":{\"status\":\"left\"}}}").ignored())
                .containsExactly("my_chat_member:group");
        assertThat(normalize("{\"update_id\":15,\"message\":{\"message_id\":2,\"from\":{\"id\":9,\"is_bot\":true},"
                + "\"chat\":{\"id\":-100,\"type\":\"group\"},\"date\":1,\"text\":\"beep\"}}").ignored())
                .containsExactly("message:from_bot");
    }

    @Test
    void aMessageOfAnUnhandledKindStillReachesTheAgentAsUnsupported() throws Exception {
        Normalized dice = normalize("{\"update_id\":16,\"message\":{\"message_id\":3,\"from\":{\"id\":5,"
                + "\"first_name\":\"Ann\"},\"chat\":{\"id\":5,\"type\":\"private\"},\"date\":1761379722,"
                + "\"dice\":{\"emoji\":\"🎲\",\"value\":4}}}");
        MessageReceived event = (MessageReceived) dice.events().get(0);
        assertThat(event.eventId()).isEqualTo("tg:7000000001:16");
        assertThat(event.conversationKey()).isEqualTo("tg:7000000001:5");
        assertThat(event.content().type()).isEqualTo(MessageType.UNSUPPORTED);
        assertThat(event.content().errors()).singleElement()
                .satisfies(error -> assertThat(error.message()).endsWith("dice"));
        assertThat(event.raw().offset()).isEqualTo(42);
    }

    @Test
    void aCallbackWhoseButtonIsNoLongerShownKeepsTheDataAndAnInlineOneIsSkipped() throws Exception {
        MessageReceived reply = (MessageReceived) normalize("{\"update_id\":17,\"callback_query\":{\"id\":\"q1\","
                + "\"from\":{\"id\":5,\"first_name\":\"Ann\"},\"message\":{\"message_id\":8,\"chat\":{\"id\":5,"
                + "\"type\":\"private\"},\"date\":1,\"text\":\"Rate us\"},\"data\":\"rate:5\"}}").events().get(0);
        assertThat(reply.content().payload()).isEqualTo("rate:5");
        assertThat(reply.content().text()).isNull();
        assertThat(reply.occurredAt()).isEqualTo(RECEIVED);
        assertThat(normalize("{\"update_id\":18,\"callback_query\":{\"id\":\"q2\",\"from\":{\"id\":5},"
                + "\"inline_message_id\":\"AAA\",\"data\":\"x\"}}").ignored()).containsExactly("callback_query:inline");
    }
}
