package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.ThreadControlReported;
import io.switchboard.testing.auth.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Meta's handover protocol (docs/channels.md §3.8): the agent's conversation view says who controls the thread, as
 * routing reports it, and marks the messages written while another app had it.
 */
@QuarkusTest
class ThreadControlViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;
    private static final String PAGE_INBOX = "263902037430900";

    @Test
    void theViewShowsTheThreadOwnerAndMarksStandbyMessages() {
        String agent = ActionsTest.agent();
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        Routing.publish(Routing.assigned(key, conversationId, agent));
        Routing.publish(Routing.routed(key, conversationId, agent, "hello", Instant.now().minusSeconds(5)));
        JsonNode before = view(agent, key, v -> v.path("transcript").size() == 1);
        assertThat(before.path("threadOwner").asText()).isEqualTo("switchboard");
        assertThat(before.at("/transcript/0/standby").asBoolean()).isFalse();

        Routing.publish(new ThreadControlReported(conversationId + ":thread-control:" + Routing.id(),
                Channel.WHATSAPP, Routing.WA_ACCOUNT, key, conversationId, agent, PAGE_INBOX, "taken", PAGE_INBOX,
                "a person took it in the Page inbox", "fb:take:" + Routing.id(), Instant.now()));
        String messageId = "fb:m_" + Routing.id();
        Routing.publish(new MessageRouted(messageId + ":routed:" + agent, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                conversationId, agent, messageId, "m_" + Routing.id(), null, MessageContent.text("anyone?"),
                Instant.now(), Instant.now(), null, null, null, null, true));

        JsonNode after = view(agent, key, v -> v.path("transcript").size() == 2
                && PAGE_INBOX.equals(v.path("threadOwner").asText()));
        assertThat(after.at("/transcript/1/standby").asBoolean()).isTrue();
        assertThat(after.at("/transcript/1/text").asText()).isEqualTo("anyone?");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM agent.feed WHERE agent_id = $1 AND type = 'thread-control.changed'", agent) == 1);
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }

    private static JsonNode view(String agent, String key, java.util.function.Predicate<JsonNode> ready) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> JSON.readTree(given().auth()
                .oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then().statusCode(200).extract()
                .asString()), ready);
    }
}
