package io.switchboard.agent;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.agent.conversation.ActionIds;
import io.switchboard.events.Topics;
import io.switchboard.testing.PostgresResource;
import io.switchboard.testing.auth.TestTokens;

/**
 * Two requests with one Idempotency-Key at the same time (a double click, a client retrying on its own timeout).
 * The first is held inside its transaction by a lock on {@code agent.outbox} (every action appends there), so the
 * second surely arrives while the first is still running.
 */
@QuarkusTest
class ConcurrentIdempotencyTest {

    private static final String REPLY = "{\"kind\":\"text\",\"text\":\"Claro, la reviso\"}";

    @TestHTTPResource("/")
    URL base;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void theSecondOfTwoConcurrentRequestsGetsTheFirstOnesAnswerAndNothingIsPublishedTwice() throws Exception {
        String agentId = ActionsTest.agent();
        String key = ActionsTest.assignedConversation(agentId, Routing.id(), Instant.now());
        String click = "reply-" + Routing.id();

        CompletableFuture<HttpResponse<String>> first;
        CompletableFuture<HttpResponse<String>> second;
        try (Connection outboxLock = lockOutbox()) {
            first = send(reply(agentId, key, click));
            second = send(reply(agentId, key, click));
            awaitWaitingInserts(2);
        }

        for (HttpResponse<String> answer : new HttpResponse[] { first.get(), second.get() }) {
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
            assertThat(answer.body()).contains("\"eventId\":\"" + ActionIds.eventId(agentId, click) + "\"");
        }
        assertThat(ActionsTest.records(Topics.OUTBOUND, ActionIds.eventId(agentId, click))).hasSize(1);
        given().auth().oauth2(TestTokens.agent(agentId)).get("/me/conversations/" + key).then().statusCode(200)
                .body("transcript.direction", org.hamcrest.Matchers.equalTo(java.util.List.of("inbound", "outbound")));
    }

    @Test
    void aRequestWhileTheFirstWithItsKeyIsStuckIsToldItIsInProgressAndItsRetryGetsTheAnswer() throws Exception {
        String agentId = ActionsTest.agent();
        String key = ActionsTest.assignedConversation(agentId, Routing.id(), Instant.now());
        String click = "reply-" + Routing.id();

        CompletableFuture<HttpResponse<String>> first;
        try (Connection outboxLock = lockOutbox()) {
            first = send(reply(agentId, key, click));
            awaitWaitingInserts(1);
            // Waits switchboard.agent.idempotency-wait (3 s in tests) for the first, then gives up.
            HttpResponse<String> second = send(reply(agentId, key, click)).get();
            assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
            assertThat(second.body()).contains("\"error\":\"idempotency_in_progress\"");
        }

        assertThat(first.get().statusCode()).as(first.get().body()).isEqualTo(202);
        HttpResponse<String> retry = send(reply(agentId, key, click)).get();
        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(202);
        assertThat(ActionsTest.records(Topics.OUTBOUND, ActionIds.eventId(agentId, click))).hasSize(1);
    }

    private HttpRequest reply(String agentId, String conversationKey, String idempotencyKey) {
        return HttpRequest.newBuilder(URI.create(base + "me/conversations/" + conversationKey + "/replies"))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + TestTokens.agent(agentId))
                .header("Idempotency-Key", idempotencyKey).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(REPLY)).build();
    }

    private CompletableFuture<HttpResponse<String>> send(HttpRequest request) {
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Holds a lock no action's outbox append can pass until the returned connection is closed (rolled back). */
    private static Connection lockOutbox() throws SQLException {
        Connection connection = PostgresResource.connect();
        connection.setAutoCommit(false);
        try (Statement sql = connection.createStatement()) {
            sql.execute("LOCK TABLE agent.outbox IN EXCLUSIVE MODE");
        }
        return connection;
    }

    /** Until {@code count} of the service's INSERTs wait on a lock (the relay's reads and deletes do not count). */
    private static void awaitWaitingInserts(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            try (Connection connection = PostgresResource.connect(); Statement sql = connection.createStatement();
                    ResultSet rows = sql.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE datname = "
                            + "current_database() AND wait_event_type = 'Lock' AND query ILIKE '%insert%'")) {
                rows.next();
                return rows.getInt(1) >= count;
            }
        });
    }
}
