package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;
import io.restassured.http.ContentType;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryProgressed;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.testing.KafkaTestClient;
import io.switchboard.testing.auth.TestTokens;
import io.vertx.core.http.UpgradeRejectedException;

@QuarkusTest
class LiveFeedTest {

    @TestHTTPResource("/")
    URI base;

    private static List<String> types(LiveClient client, String conversationKey) {
        return client.frames.stream().filter(f -> conversationKey.equals(f.path("conversationKey").asText()))
                .map(f -> f.path("type").asText()).toList();
    }

    /** The {@code switchboard_agent_sockets_connected} gauge. */
    private static double socketsConnected() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher gauge = Pattern.compile("(?m)^switchboard_agent_sockets_connected(?:\\{[^}]*})? (\\S+)$")
                .matcher(metrics);
        assertThat(gauge.find()).as("switchboard_agent_sockets_connected in /q/metrics").isTrue();
        return Double.parseDouble(gauge.group(1));
    }

    private static void publish(OutboundResultEvent result) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(CloudEventCodec.toRecord(result, "/test/outbound"));
        }
    }

    /** Sends a reply; its event id, from the 202 answer. */
    private static String reply(String agentId, String conversationKey, String kind, Map<String, Object> body) {
        String click = "reply-" + Routing.id();
        return given().auth().oauth2(TestTokens.agent(agentId)).header("Idempotency-Key", click)
                .contentType(ContentType.JSON).body(body).post("/me/conversations/" + conversationKey + "/replies")
                .then().statusCode(202).extract().path("eventId");
    }

    @Test
    void theSocketPushesOffersAndMessagesToItsAgentAndNoOneElse() {
        String alice = ActionsTest.agent();
        String bob = ActionsTest.agent();
        try (LiveClient aliceLive = LiveClient.connect(base, TestTokens.agent(alice), 0);
                LiveClient bobLive = LiveClient.connectAsBrowser(base, TestTokens.agent(bob), 0)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(socketsConnected()).isGreaterThanOrEqualTo(2));
            String key = Routing.conversationKey();
            String conversationId = Routing.id();
            String offerId = Routing.id();
            Instant deadline = Instant.now().plusSeconds(60).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);

            Routing.publish(Routing.offered(key, conversationId, alice, offerId, deadline));
            Routing.publish(Routing.assigned(key, conversationId, alice));
            Routing.publish(Routing.routed(key, conversationId, alice, "¿dónde está mi pedido?", Instant.now()));

            JsonNode offer = aliceLive.await("offer.made", key);
            assertThat(offer.at("/data/offerId").asText()).isEqualTo(offerId);
            assertThat(Instant.parse(offer.at("/data/expiresAt").asText())).isEqualTo(deadline);
            JsonNode message = aliceLive.await("message.received", key);
            assertThat(message.at("/data/text").asText()).isEqualTo("¿dónde está mi pedido?");
            assertThat(message.at("/data/direction").asText()).isEqualTo("inbound");
            assertThat(types(aliceLive, key)).containsExactly("offer.made", "conversation.assigned",
                    "message.received");
            assertThat(aliceLive.seqs()).containsExactly(1L, 2L, 3L);

            // Bob's own offer reaches Bob; nothing of Alice's ever does.
            String bobKey = Routing.conversationKey();
            Routing.publish(Routing.offered(bobKey, Routing.id(), bob, Routing.id(), deadline));
            bobLive.await("offer.made", bobKey);
            assertThat(bobLive.frames).allMatch(f -> bobKey.equals(f.path("conversationKey").asText()));
            assertThat(bobLive.seqs()).containsExactly(1L);
            assertThat(aliceLive.frames).noneMatch(f -> bobKey.equals(f.path("conversationKey").asText()));
        }
    }

    @Test
    void aReconnectWithAfterCatchesUpWithoutGapOrDuplicate() {
        String alice = ActionsTest.agent();
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        long seen;
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(alice), 0)) {
            Routing.publish(Routing.offered(key, conversationId, alice, Routing.id(), Instant.now().plusSeconds(60)));
            Routing.publish(Routing.assigned(key, conversationId, alice));
            live.await("conversation.assigned", key);
            seen = live.lastSeq();
            assertThat(live.seqs()).containsExactly(1L, 2L);
        }

        // While the front end is away: two customer messages and a resolution.
        Routing.publish(Routing.routed(key, conversationId, alice, "uno", Instant.now()));
        Routing.publish(Routing.routed(key, conversationId, alice, "dos", Instant.now()));
        Routing.publish(Routing.resolved(key, conversationId, alice));
        Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key)
                        .then().statusCode(200).body("open", equalTo(false), "transcript.text", hasItem("dos")));

        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(alice), seen)) {
            live.await("conversation.resolved", key);
            // And live again once caught up.
            String next = Routing.conversationKey();
            Routing.publish(Routing.offered(next, Routing.id(), alice, Routing.id(), Instant.now().plusSeconds(60)));
            live.await("offer.made", next);

            assertThat(live.seqs()).containsExactly(3L, 4L, 5L, 6L);
            assertThat(live.frames.stream().map(f -> f.path("type").asText()).toList()).containsExactly(
                    "message.received", "message.received", "conversation.resolved", "offer.made");
            assertThat(live.frames.get(0).at("/data/text").asText()).isEqualTo("uno");
            assertThat(live.frames.get(1).at("/data/text").asText()).isEqualTo("dos");
        }
    }

    @Test
    void anAbandonedConversationClosesAndItsAgentIsToldWhy() {
        String alice = ActionsTest.agent();
        String key = Routing.conversationKey();
        String conversationId = Routing.id();
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(alice), 0)) {
            Routing.publish(Routing.assigned(key, conversationId, alice));
            live.await("conversation.assigned", key);

            Routing.publish(Routing.abandoned(key, conversationId, alice, "customer_inactive"));

            JsonNode abandoned = live.await("conversation.abandoned", key);
            assertThat(abandoned.at("/data/conversationId").asText()).isEqualTo(conversationId);
            assertThat(abandoned.at("/data/agentId").asText()).isEqualTo(alice);
            assertThat(abandoned.at("/data/reason").asText()).isEqualTo("customer_inactive");
        }
        given().auth().oauth2(TestTokens.supervisor()).get("/conversations/" + key).then().statusCode(200)
                .body("open", equalTo(false));
    }

    @Test
    void receiptsMoveTheTranscriptForwardOnlyAndArePushed() {
        String alice = ActionsTest.agent();
        String key = ActionsTest.assignedConversation(alice, Routing.id(), Instant.now());
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(alice), 0)) {
            String first = reply(alice, key, "text", Map.of("kind", "text", "text", "Ya lo reviso"));
            JsonNode requested = live.await("reply.requested", key);
            assertThat(requested.at("/data/eventId").asText()).isEqualTo(first);
            assertThat(requested.at("/data/status").asText()).isEqualTo("pending");

            Instant now = Instant.now();
            publish(new DeliveryAccepted(first + ":accepted", first, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                    "wamid.1", 1, now));
            DeliveryProgressed read = new DeliveryProgressed(first + ":read", first, Channel.WHATSAPP,
                    Routing.WA_ACCOUNT, key, "wamid.1", DeliveryState.READ, List.of(), now);
            publish(read);
            publish(read);
            // A late receipt never moves the reply back.
            publish(new DeliveryProgressed(first + ":delivered", first, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                    "wamid.1", DeliveryState.DELIVERED, List.of(), now));
            // Meanwhile the window closed: the channel refuses the second reply.
            String second = reply(alice, key, "text", Map.of("kind", "text", "text", "¿Sigue ahí?"));
            publish(new DeliveryFailed(second + ":failed", second, Channel.WHATSAPP, Routing.WA_ACCOUNT, key,
                    FailureCategory.WINDOW_CLOSED, 131047, null, 400, "more than 24 hours since the customer wrote",
                    true, true, 1, Instant.now()));

            JsonNode failed = live.await(f -> "delivery.updated".equals(f.path("type").asText())
                    && second.equals(f.at("/data/eventId").asText()));
            assertThat(failed.at("/data/status").asText()).isEqualTo("failed");
            assertThat(failed.at("/data/reason").asText()).contains("window_closed");
            assertThat(failed.at("/data/templateRequired").asBoolean()).isTrue();
            // Results of one conversation arrive in order: by now every result of the first reply was consumed.
            assertThat(live.frames.stream().filter(f -> "delivery.updated".equals(f.path("type").asText())
                    && first.equals(f.at("/data/eventId").asText())).map(f -> f.at("/data/status").asText()))
                    .containsExactly("accepted", "read");
            given().auth().oauth2(TestTokens.agent(alice)).get("/me/conversations/" + key).then().statusCode(200)
                    .body("transcript.find { it.eventId == '" + first + "' }.status", equalTo("read"),
                            "transcript.find { it.eventId == '" + second + "' }.status", equalTo("failed"));
        }

        // Known closed: free text is refused before it reaches the channel, a template goes.
        given().auth().oauth2(TestTokens.agent(alice)).header("Idempotency-Key", "late-" + Routing.id())
                .contentType(ContentType.JSON).body(Map.of("kind", "text", "text", "hola"))
                .post("/me/conversations/" + key + "/replies").then().statusCode(409)
                .body("error", equalTo("window_closed"));
        reply(alice, key, "template", Map.of("kind", "template", "template",
                Map.of("name", "follow_up", "language", "es", "parameters", List.of("Ana"))));
    }

    @Test
    void aFrameLargerThanAHeartbeatNeedsClosesTheSocket() {
        String alice = ActionsTest.agent();
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(alice), 0)) {
            live.send("{\"type\": \"heartbeat\", \"pad\": \"" + "x".repeat(2000) + "\"}");
            Awaitility.await().atMost(Duration.ofSeconds(20)).until(live::closed);
            assertThat(live.frames).noneMatch(f -> "unknown_frame".equals(f.path("error").asText()));
        }
    }

    @Test
    void socketHeartbeatsKeepTheAgentOnlineAndTheirLossSetsThemOffline() throws InterruptedException {
        String alice = ActionsTest.agent();
        try (LiveClient live = LiveClient.connect(base, TestTokens.agent(alice), 0)) {
            PresenceTest.setPresence(alice, "available", null);
            // Longer than the grace period (3 s in tests), heartbeats over the socket only.
            for (int i = 0; i < 10; i++) {
                live.send("{\"type\": \"heartbeat\"}");
                Thread.sleep(500);
            }
            assertThat(PresenceTest.presenceOf(alice)).isEqualTo("available");
            live.send("{\"type\": \"hello\"}");
            live.await(f -> "unknown_frame".equals(f.path("error").asText()));
            // Silence on an open socket is a lost front end too.
            Awaitility.await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(PresenceTest.presenceOf(alice)).isEqualTo("offline"));
        }
    }

    @Test
    void theSocketNeedsTheTokenOfAKnownAgent() {
        assertThatThrownBy(() -> connect(null)).isInstanceOfSatisfying(UpgradeRejectedException.class,
                e -> assertThat(e.getStatus()).isEqualTo(401));
        assertThatThrownBy(() -> connect(TestTokens.supervisor()))
                .isInstanceOfSatisfying(UpgradeRejectedException.class, e -> assertThat(e.getStatus()).isEqualTo(403));

        WebSocketClientConnection stranger = connect(TestTokens.agent(DirectoryTest.newAgentId()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(stranger::isClosed);
        assertThat(stranger.closeReason().getCode()).isEqualTo(4404);

        WebSocketClientConnection badCursor = connect(TestTokens.agent(ActionsTest.agent()), "?after=last");
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(badCursor::isClosed);
        assertThat(badCursor.closeReason().getCode()).isEqualTo(4400);
    }

    private WebSocketClientConnection connect(String token) {
        return connect(token, "");
    }

    private WebSocketClientConnection connect(String token, String query) {
        BasicWebSocketConnector connector = BasicWebSocketConnector.create().baseUri(base).path("/me/live" + query);
        if (token != null) {
            connector.addHeader("Authorization", "Bearer " + token);
        }
        return connector.connectAndAwait();
    }
}
