package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.switchboard.messaging.retention.Retention;
import io.switchboard.testing.KafkaResource;
import io.switchboard.testing.PostgresResource;

/** Closed conversations go, with their offers and held messages, once older than retention; open ones never. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.inbound.v1:3,switchboard.agents.v1:3,switchboard.agent-actions.v1:3,"
                + "switchboard.routing.v1:3"))
@QuarkusTestResource(PostgresResource.class)
class RetentionTest {

    @Inject
    Retention retention;

    @Test
    void aConversationClosedLongerAgoThanRetentionGoesWithItsOffersAndHeldMessages() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            conversation(sql, "old-" + run, "resolved", "now() - interval '91 days'");
            conversation(sql, "recent-" + run, "resolved", "now() - interval '1 day'");
            conversation(sql, "open-" + run, "queued", "NULL");
            for (String id : new String[] {"old-", "recent-", "open-"}) {
                sql.execute("INSERT INTO routing.offers (offer_id, conversation_id, agent_id, channel, state,"
                        + " explanation, expires_at) VALUES ('o-" + id + run + "', '" + id + run
                        + "', 'ava', 'whatsapp', 'accepted', '{}', now())");
                sql.execute("INSERT INTO routing.held_messages (event_id, conversation_id, payload) VALUES ('h-" + id
                        + run + "', '" + id + run + "', 'x'::bytea)");
            }

            assertThat(retention.pass().get("closed-conversations")).isGreaterThanOrEqualTo(1L);

            assertThat(ids(sql, "SELECT conversation_id FROM routing.conversations", run))
                    .containsExactlyInAnyOrder("recent-" + run, "open-" + run);
            assertThat(ids(sql, "SELECT conversation_id FROM routing.offers", run))
                    .containsExactlyInAnyOrder("recent-" + run, "open-" + run);
            assertThat(ids(sql, "SELECT conversation_id FROM routing.held_messages", run))
                    .containsExactlyInAnyOrder("recent-" + run, "open-" + run);
        }
    }

    private static void conversation(Statement sql, String id, String state, String closedAt) throws Exception {
        sql.execute("INSERT INTO routing.conversations (conversation_id, conversation_key, channel,"
                + " channel_account_id, queue_id, priority, state, closed_at) VALUES ('" + id + "', 'wa:1:" + id
                + "', 'whatsapp', '1', 'default', 0, '" + state + "', " + closedAt + ")");
    }

    private static List<String> ids(Statement sql, String query, String run) throws Exception {
        List<String> ids = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query + " WHERE conversation_id LIKE '%" + run + "'")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
