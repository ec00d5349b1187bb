package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.Topics;
import io.switchboard.testing.auth.TestTokens;

/**
 * An Idempotency-Key is its agent's own: another agent using the same key, or sending the event id of someone
 * else's action as its key, neither swallows that action nor takes its event id.
 */
@QuarkusTest
class IdempotencyScopeTest {

    /** An agent with a conversation of their own. */
    private record Agent(String id, String conversation) {

        static Agent withConversation() {
            String id = ActionsTest.agent();
            return new Agent(id, ActionsTest.assignedConversation(id, Routing.id(), Instant.now()));
        }

        String reply(String idempotencyKey, String text) {
            return IdempotencyScopeTest.reply(id, conversation, idempotencyKey, text);
        }
    }

    @Test
    void twoAgentsWithTheSameKeyEachGetTheirOwnAction() {
        Agent ana = Agent.withConversation();
        Agent ben = Agent.withConversation();
        String click = "shared-" + Routing.id();

        // Ben goes first: before, his key would have been Ana's event id and her reply refused as a reused key.
        String bens = ben.reply(click, "de Ben");
        String anas = ana.reply(click, "de Ana");

        assertThat(anas).isNotEqualTo(bens).isNotEqualTo(click);
        assertThat(text(anas)).isEqualTo("de Ana");
        assertThat(text(bens)).isEqualTo("de Ben");
        // A retry of each is still its own action, answered as before.
        assertThat(ana.reply(click, "de Ana")).isEqualTo(anas);
        assertThat(ActionsTest.records(Topics.OUTBOUND, anas)).hasSize(1);
    }

    @Test
    void anotherAgentsEventIdAsAKeyIsJustAKey() {
        Agent ana = Agent.withConversation();
        Agent ben = Agent.withConversation();
        String anas = ana.reply("click-" + Routing.id(), "de Ana");

        String bens = ben.reply(anas, "de Ben");

        assertThat(bens).isNotEqualTo(anas);
        assertThat(text(bens)).isEqualTo("de Ben");
        assertThat(ActionsTest.records(Topics.OUTBOUND, anas)).hasSize(1);
    }

    private static String reply(String agentId, String conversationKey, String idempotencyKey, String text) {
        return given().auth().oauth2(TestTokens.agent(agentId)).header("Idempotency-Key", idempotencyKey)
                .contentType(ContentType.JSON).body(Map.of("kind", "text", "text", text))
                .post("/me/conversations/" + conversationKey + "/replies").then().statusCode(202)
                .extract().path("eventId");
    }

    private static String text(String eventId) {
        var record = ActionsTest.records(Topics.OUTBOUND, eventId).get(0);
        return ((ReplyRequested) CloudEventCodec.read(record.headers(), record.value())).content().text();
    }
}
