package io.switchboard.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.retention.Retention;
import io.switchboard.testing.PostgresResource;

/** Each of agent-service's stores keeps what is younger than its retention and loses what is older. */
@QuarkusTest
class RetentionTest {

    @Inject
    Retention retention;

    @Test
    void transcriptsClosedConversationsFeedAndOffersOlderThanRetentionGo() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            conversation(sql, "closed-old-" + run, false, "now() - interval '91 days'");
            conversation(sql, "closed-recent-" + run, false, "now() - interval '1 day'");
            conversation(sql, "open-old-" + run, true, "now() - interval '200 days'");
            // The open conversation's old entry goes (transcripts age out), its recent one stays.
            entry(sql, "open-old-" + run, "e-old-" + run, "now() - interval '91 days'");
            entry(sql, "open-old-" + run, "e-recent-" + run, "now() - interval '1 hour'");
            entry(sql, "closed-old-" + run, "e-closed-" + run, "now() - interval '1 hour'");
            feed(sql, "ava-" + run, 1, "now() - interval '8 days'");
            feed(sql, "ava-" + run, 2, "now() - interval '1 day'");
            offer(sql, "old-" + run, "closed-recent-" + run, "now() - interval '31 days'");
            offer(sql, "recent-" + run, "closed-recent-" + run, "now() - interval '1 day'");
            // The customer's profile, episodes, notes and tags follow their conversation; an open conversation's
            // earlier episode goes 90 days after it closed, with its notes and tags.
            customer(sql, "closed-old-" + run);
            episode(sql, "closed-old-" + run, "ep-closed-old-" + run, "now() - interval '91 days'");
            customer(sql, "open-old-" + run);
            episode(sql, "open-old-" + run, "ep-old-" + run, "now() - interval '91 days'");
            episode(sql, "open-old-" + run, "ep-recent-" + run, "now() - interval '1 day'");
            episode(sql, "open-old-" + run, "ep-open-" + run, null);

            Map<String, Long> removed = retention.pass();

            assertThat(removed).containsOnlyKeys("transcript", "closed-conversations", "closed-episodes", "feed",
                    "offers");
            assertThat(strings(sql, "SELECT conversationKey FROM agent.customers WHERE conversationKey LIKE '%"
                    + run + "'")).containsExactly("open-old-" + run);
            assertThat(strings(sql, "SELECT conversationId FROM agent.episodes WHERE conversationId LIKE '%" + run
                    + "'")).containsExactlyInAnyOrder("ep-recent-" + run, "ep-open-" + run);
            assertThat(strings(sql, "SELECT conversationId FROM agent.notes WHERE conversationId LIKE '%" + run
                    + "'")).containsExactlyInAnyOrder("ep-recent-" + run, "ep-open-" + run);
            assertThat(strings(sql, "SELECT conversationId FROM agent.conversation_tags WHERE conversationId LIKE '%"
                    + run + "'")).containsExactlyInAnyOrder("ep-recent-" + run, "ep-open-" + run);
            assertThat(strings(sql, "SELECT conversationKey FROM agent.conversations WHERE conversationKey LIKE '%"
                    + run + "'")).containsExactlyInAnyOrder("closed-recent-" + run, "open-old-" + run);
            assertThat(strings(sql, "SELECT eventId FROM agent.transcript WHERE eventId LIKE '%" + run + "'"))
                    .containsExactly("e-recent-" + run);
            assertThat(strings(sql, "SELECT seq::text FROM agent.feed WHERE agent_id = 'ava-" + run + "'"))
                    .containsExactly("2");
            assertThat(strings(sql, "SELECT offerId FROM agent.offers WHERE offerId LIKE '%" + run + "'"))
                    .containsExactly("recent-" + run);
        }
    }

    private static void conversation(Statement sql, String key, boolean open, String updatedAt) throws Exception {
        sql.execute("INSERT INTO agent.conversations (conversationKey, conversationId, open, channel,"
                + " channelAccountId, updatedAt) VALUES ('" + key + "', 'c-" + key + "', " + open + ", 'WHATSAPP', '1', "
                + updatedAt + ")");
    }

    private static void entry(Statement sql, String key, String eventId, String at) throws Exception {
        sql.execute("INSERT INTO agent.transcript (conversationKey, eventId, direction, at, text) VALUES ('" + key
                + "', '" + eventId + "', 'INBOUND', " + at + ", 'hello')");
    }

    private static void customer(Statement sql, String key) throws Exception {
        sql.execute("INSERT INTO agent.customers (conversationKey, channel, channelAccountId, identities,"
                + " firstContactAt, lastContactAt) VALUES ('" + key + "', 'WHATSAPP', '1', '{}', now(), now())");
    }

    /** An episode closed at {@code closedAt} (null: open) with a note and tags. */
    private static void episode(Statement sql, String key, String id, String closedAt) throws Exception {
        sql.execute("INSERT INTO agent.episodes (conversationId, conversationKey, channel, openedAt, closedAt) VALUES ('"
                + id + "', '" + key + "', 'WHATSAPP', now() - interval '200 days', " + closedAt + ")");
        sql.execute("INSERT INTO agent.notes (eventId, conversationKey, conversationId, authorId, authorRole, text, at)"
                + " VALUES ('n-" + id + "', '" + key + "', '" + id + "', 'ava', 'agent', 'a note', now())");
        sql.execute("INSERT INTO agent.conversation_tags (conversationId, conversationKey, tags, updatedBy, updatedAt)"
                + " VALUES ('" + id + "', '" + key + "', '{\"tags\": [\"vip\"]}', 'ava', now())");
    }

    private static void feed(Statement sql, String agent, int seq, String at) throws Exception {
        sql.execute("INSERT INTO agent.feed (agent_id, seq, at, type, payload) VALUES ('" + agent + "', " + seq + ", "
                + at + ", 'message.received', '{}')");
    }

    private static void offer(Statement sql, String id, String key, String expiresAt) throws Exception {
        sql.execute("INSERT INTO agent.offers (offerId, agentId, channel, channelAccountId, conversationId,"
                + " conversationKey, state, expiresAt) VALUES ('" + id + "', 'ava', 'WHATSAPP', '1', 'c-" + key
                + "', '" + key + "', 'EXPIRED', " + expiresAt + ")");
    }

    private static List<String> strings(Statement sql, String query) throws Exception {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
