package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.testing.auth.TestTokens;
import io.vertx.core.http.UpgradeRejectedException;

/**
 * The supervisors' wallboard socket: a queue's figures and an agent's presence and load as they change, resumable
 * from the last sequence seen; supervisors only.
 */
@QuarkusTest
class SupervisorLiveTest {

    private static final String PATH = "/supervisor/live";

    @TestHTTPResource("/")
    URI base;

    private static JsonNode queueUpdate(LiveClient client, String queueId, int waiting) {
        return client.await(f -> "queue.updated".equals(f.path("type").asText())
                && queueId.equals(f.path("data").path("queueId").asText())
                && f.path("data").path("waiting").asInt() == waiting);
    }

    @Test
    void aQueueChangeAndAnAgentsPresenceAndLoadArriveAndTheFeedResumesAfterAReconnect() {
        String queueId = "live-" + Routing.id();
        long resumeAt;
        // Without after: from the feed's current end, not its 7 days of history
        try (LiveClient wallboard = LiveClient.connect(base, TestTokens.supervisor(), PATH, -1)) {
            // A queue's figures change
            SupervisorTest.publish(SupervisorTest.stats(queueId, 2, Instant.now().minusSeconds(30), 1, 2, 0, 0,
                    Instant.now()));
            JsonNode queue = queueUpdate(wallboard, queueId, 3);
            assertThat(queue.path("data").path("depth").path("whatsapp").asInt()).isEqualTo(2);

            // An agent becomes available, then is given a conversation
            String ana = ActionsTest.agent();
            PresenceTest.setPresence(ana, "available", null);
            wallboard.await(f -> "agent.updated".equals(f.path("type").asText())
                    && ana.equals(f.path("data").path("agentId").asText())
                    && "available".equals(f.path("data").path("presence").asText()));
            String key = ActionsTest.assignedConversation(ana, Routing.id(), Instant.now());
            JsonNode moved = wallboard.await(f -> "agent.conversation".equals(f.path("type").asText())
                    && key.equals(f.path("conversationKey").asText()));
            assertThat(moved.path("data").path("agentId").asText()).isEqualTo(ana);
            assertThat(moved.path("data").path("change").asText()).isEqualTo("assigned");
            assertThat(moved.path("data").path("channel").asText()).isEqualTo("whatsapp");

            // Sequences follow each other without gaps
            java.util.List<Long> seqs = wallboard.seqs();
            for (int i = 1; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) + 1);
            }
            resumeAt = wallboard.seq(queue);
        }

        // While nobody watches, the queue changes again; reconnecting after the first update replays what followed
        SupervisorTest.publish(SupervisorTest.stats(queueId, 5, Instant.now().minusSeconds(60), 1, 2, 0, 0,
                Instant.now().plusSeconds(1)));
        try (LiveClient again = LiveClient.connect(base, TestTokens.supervisor(), PATH, resumeAt)) {
            queueUpdate(again, queueId, 6);
            assertThat(again.seqs()).allMatch(seq -> seq > resumeAt);
            assertThat(again.seqs().get(0)).isEqualTo(resumeAt + 1);
            assertThat(again.frames).noneMatch(f -> "queue.updated".equals(f.path("type").asText())
                    && queueId.equals(f.path("data").path("queueId").asText())
                    && f.path("data").path("waiting").asInt() == 3);
        }
    }

    @Test
    void onlySupervisorsMayWatch() {
        assertThatThrownBy(() -> LiveClient.connect(base, TestTokens.agent(ActionsTest.agent()), PATH, 0))
                .satisfies(e -> assertThat(rejection(e).getStatus()).isEqualTo(403));
        assertThatThrownBy(() -> LiveClient.connect(base, null, PATH, 0))
                .satisfies(e -> assertThat(rejection(e).getStatus()).isEqualTo(401));
    }

    private static UpgradeRejectedException rejection(Throwable thrown) {
        for (Throwable e = thrown; e != null; e = e.getCause()) {
            if (e instanceof UpgradeRejectedException rejected) {
                return rejected;
            }
        }
        throw new AssertionError("not an upgrade rejection", thrown);
    }
}
