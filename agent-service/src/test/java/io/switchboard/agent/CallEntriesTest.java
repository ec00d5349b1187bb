package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.events.CallDirection;
import io.switchboard.events.CallOutcome;
import io.switchboard.events.Channel;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.MessageRouted;
import io.switchboard.testing.auth.TestTokens;

/**
 * Calls in the agent's view (docs/channels.md §2.11): a callback offer says so; calls and permission answers sit in
 * the transcript and the live feed in order with the messages, with direction, outcome, duration and time.
 */
@QuarkusTest
class CallEntriesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestHTTPResource("/")
    URI base;

    @Test
    void aCallbackOfferAndTheCallsOfTheConversationReachTheAgent() throws Exception {
        String agent = ActionsTest.agent();
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        String offerId = Routing.id();
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(agent), 0)) {
            Routing.publish(new ConversationOffered("offered:" + offerId, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                    conversationId, "support", offerId, agent, Instant.now().plusSeconds(60), null, Instant.now(),
                    ConversationOffered.CALLBACK_REQUESTED));
            JsonNode offer = live.await("offer.made", key);
            assertThat(offer.at("/data/reason").asText()).isEqualTo("callback_requested");

            Routing.publish(Routing.assigned(key, conversationId, agent));
            Instant missedAt = Instant.parse("2026-12-06T09:58:00Z");
            Routing.publish(call(key, conversationId, agent, "missed", missedAt, new MessageRouted.Call("wacid.m",
                    CallDirection.USER_INITIATED, CallOutcome.MISSED, null, null, null, true)));
            Routing.publish(Routing.routed(key, conversationId, agent, "you called?", Instant.parse(
                    "2026-12-06T09:59:00Z")));
            Routing.publish(call(key, conversationId, agent, "ringing", Instant.parse("2026-12-06T10:00:00Z"),
                    new MessageRouted.Call("wacid.c", CallDirection.USER_INITIATED, null, null, null, null, false)));
            Routing.publish(call(key, conversationId, agent, "completed", Instant.parse("2026-12-06T10:02:11Z"),
                    new MessageRouted.Call("wacid.c", CallDirection.USER_INITIATED, CallOutcome.COMPLETED,
                            Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2026-12-06T10:02:11Z"), 131,
                            false)));
            String permissionId = "wa:wamid." + Routing.id();
            Routing.publish(new MessageRouted(permissionId + ":routed:" + agent, Channel.WHATSAPP,
                    Routing.WA_ACCOUNT, key, conversationId, agent, permissionId, "wamid.p", null, null,
                    Instant.parse("2026-12-06T10:03:00Z"), Instant.now(), MessageRouted.Kind.CALL_PERMISSION, null,
                    null, null, null, new MessageRouted.CallPermission(true, false,
                            Instant.parse("2026-12-13T10:03:00Z"))));

            JsonNode details = Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(
                    given().auth().oauth2(TestTokens.agent(agent)).get("/me/conversations/" + key).then()
                            .statusCode(200).extract().asString()), d -> d.path("transcript").size() == 5);
            JsonNode transcript = details.path("transcript");
            List<String> kinds = new ArrayList<>();
            transcript.forEach(e -> kinds.add(e.path("kind").asText()));
            assertThat(kinds).containsExactly("call", "text", "call", "call", "call_permission");
            assertThat(transcript.get(0).at("/call/outcome").asText()).isEqualTo("missed");
            assertThat(transcript.get(0).at("/call/callback").asBoolean()).isTrue();
            assertThat(transcript.get(0).path("at").asText()).isEqualTo("2026-12-06T09:58:00Z");
            assertThat(transcript.get(2).at("/call/outcome").asText(null)).as("ringing: no outcome yet").isNull();
            JsonNode completed = transcript.get(3).path("call");
            assertThat(completed.path("direction").asText()).isEqualTo("user_initiated");
            assertThat(completed.path("outcome").asText()).isEqualTo("completed");
            assertThat(completed.path("durationSeconds").asInt()).isEqualTo(131);
            assertThat(completed.path("startedAt").asText()).isEqualTo("2026-12-06T10:00:00Z");
            assertThat(transcript.get(4).at("/callPermission/accepted").asBoolean()).isTrue();
            assertThat(transcript.get(4).at("/callPermission/expiresAt").asText()).isEqualTo("2026-12-13T10:03:00Z");
            // A call the customer made counts like a message for the reply window.
            assertThat(details.path("lastCustomerMessageAt").asText()).isEqualTo("2026-12-06T10:02:11Z");

            live.await("call.permission-answered", key);
            List<String> types = live.frames.stream().filter(f -> key.equals(f.path("conversationKey").asText()))
                    .map(f -> f.path("type").asText()).filter(t -> t.startsWith("call.") || t.startsWith("message."))
                    .toList();
            assertThat(types).containsExactly("call.ended", "message.received", "call.received", "call.ended",
                    "call.permission-answered");
        }
    }

    private static MessageRouted call(String key, String conversationId, String agent, String name, Instant at,
            MessageRouted.Call call) {
        String eventId = "wa:call:" + call.callId() + ":" + name + Routing.id();
        return new MessageRouted(eventId + ":routed:" + agent, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                conversationId, agent, eventId, call.callId(), null, null, at, Instant.now(),
                MessageRouted.Kind.CALL, null, null, null, call, null);
    }
}
