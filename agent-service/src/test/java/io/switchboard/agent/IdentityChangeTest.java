package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.Customer;
import io.switchboard.events.RawRef;
import io.switchboard.events.Topics;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A customer's identity changes mid-conversation (routing keeps the conversation id and moves it to the new key):
 * the agent keeps one conversation with the whole transcript, under the new key.
 */
@QuarkusTest
class IdentityChangeTest {

    @Inject
    Pool pool;

    @Test
    void theConversationAndItsTranscriptMoveToTheNewKeyOnceAndTheAgentIsTold() {
        // Given a conversation assigned to an agent, with a customer message, under the old key
        String agentId = DirectoryTest.newAgentId();
        DirectoryTest.create(agentId);
        String conversationId = "conv-" + Routing.id();
        String oldKey = Routing.conversationKey();
        String newKey = Channel.WHATSAPP.conversationKey(Routing.WA_ACCOUNT, "US." + Routing.id());
        Routing.publish(Routing.assigned(oldKey, conversationId, agentId));
        Routing.publish(Routing.routed(oldKey, conversationId, agentId, "before the change", Instant.now()));
        awaitTranscript(agentId, oldKey, 1);

        // When the identity change arrives (twice: a redelivery) and routing routes the next message under the new key
        ContactIdentityChanged change = changed(oldKey, newKey);
        publish(change);
        publish(change);
        Routing.publish(Routing.routed(newKey, conversationId, agentId, "after the change", Instant.now()));

        // Then the agent has one conversation, under the new key, with both messages; the old key is gone
        awaitTranscript(agentId, newKey, 2);
        given().auth().oauth2(TestTokens.agent(agentId)).get("/me/conversations/" + newKey).then().statusCode(200)
                .body("conversationId", equalTo(conversationId))
                .body("transcript.text", equalTo(List.of("before the change", "after the change")));
        given().auth().oauth2(TestTokens.agent(agentId)).get("/me/conversations/" + oldKey).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM agent.conversations WHERE conversationId = $1", conversationId))
                .isEqualTo(1);
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> count(
                "SELECT count(*) FROM agent.feed WHERE agent_id = $1 AND type = 'conversation.rekeyed'"
                        + " AND conversation_key = $2", agentId, newKey) == 1);
        assertThat(count("SELECT count(*) FROM agent.inbox WHERE event_id = $1", change.eventId())).isEqualTo(1);
    }

    @Test
    void routingsEventsUnderTheNewKeyMayComeFirstAndTheTranscriptStillJoinsThem() {
        // Given a conversation under the old key, and routing's next message already seen under the new key
        String agentId = DirectoryTest.newAgentId();
        DirectoryTest.create(agentId);
        String conversationId = "conv-" + Routing.id();
        String oldKey = Routing.conversationKey();
        String newKey = Channel.WHATSAPP.conversationKey(Routing.WA_ACCOUNT, "US." + Routing.id());
        Routing.publish(Routing.assigned(oldKey, conversationId, agentId));
        Routing.publish(Routing.routed(oldKey, conversationId, agentId, "first", Instant.now().minusSeconds(5)));
        awaitTranscript(agentId, oldKey, 1);
        Routing.publish(Routing.assigned(newKey, conversationId, agentId));
        Routing.publish(Routing.routed(newKey, conversationId, agentId, "second", Instant.now()));
        awaitTranscript(agentId, newKey, 1);

        // When the identity change arrives late
        publish(changed(oldKey, newKey));

        // Then one view, the new key's, with the whole transcript
        awaitTranscript(agentId, newKey, 2);
        given().auth().oauth2(TestTokens.agent(agentId)).get("/me/conversations/" + oldKey).then().statusCode(404);
        assertThat(count("SELECT count(*) FROM agent.conversations WHERE conversationId = $1", conversationId))
                .isEqualTo(1);
    }

    private static ContactIdentityChanged changed(String oldKey, String newKey) {
        String oldUser = oldKey.substring(oldKey.lastIndexOf(':') + 1);
        String newUser = newKey.substring(newKey.lastIndexOf(':') + 1);
        return new ContactIdentityChanged("wa:wamid." + UUID.randomUUID(), Channel.WHATSAPP, Routing.WA_ACCOUNT,
                newKey, Customer.of(oldUser, Map.of("wa_id", oldUser)), "wamid.x", "user_changed_number",
                Map.of("bsuid", newUser), "changed", Instant.now(), Instant.now(),
                new RawRef(Topics.RAW_WEBHOOKS, 0, 0), oldKey);
    }

    private static void publish(ContactIdentityChanged change) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(CloudEventCodec.toRecord(change, "/test/ingress"));
        }
    }

    private static void awaitTranscript(String agentId, String key, int entries) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.agent(agentId)).get("/me/conversations/" + key)
                        .then().statusCode(200).body("transcript.size()", equalTo(entries)));
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
    }
}
