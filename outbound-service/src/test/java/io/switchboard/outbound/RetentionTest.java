package io.switchboard.outbound;

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

/** Finished deliveries and long-closed windows go after retention; unfinished deliveries never. */
@QuarkusTest
@QuarkusTestResource(value = KafkaResource.class, initArgs = @ResourceArg(name = KafkaResource.TOPICS_ARG,
        value = "switchboard.outbound.v1:3,switchboard.outbound-results.v1:3,switchboard.outbound.dead-letter.v1:1,"
                + "switchboard.inbound.v1:3,switchboard.status.v1:3"))
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(WireMockResource.class)
class RetentionTest {

    @Inject
    Retention retention;

    @Test
    void finishedDeliveriesAndOldWindowsGoUnfinishedWorkStays() throws Exception {
        String run = Long.toString(System.nanoTime(), 36);
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            delivery(sql, "sent-old-" + run, "SENT", "now() - interval '31 days'");
            delivery(sql, "sent-recent-" + run, "SENT", "now() - interval '1 day'");
            delivery(sql, "retrying-old-" + run, "RETRYING", "now() - interval '31 days'");
            window(sql, "old-" + run, "now() - interval '31 days'");
            window(sql, "recent-" + run, "now() - interval '2 days'");

            assertThat(retention.pass()).containsKeys("deliveries", "windows");

            assertThat(strings(sql, "SELECT idempotency_key FROM outbound.deliveries WHERE idempotency_key LIKE '%"
                    + run + "'")).containsExactlyInAnyOrder("sent-recent-" + run, "retrying-old-" + run);
            assertThat(strings(sql, "SELECT conversation_key FROM outbound.conversation_windows"
                    + " WHERE conversation_key LIKE '%" + run + "'")).containsExactly("recent-" + run);
        }
    }

    private static void delivery(Statement sql, String key, String state, String updatedAt) throws Exception {
        sql.execute("INSERT INTO outbound.deliveries (idempotency_key, conversation_key, channel, channel_account_id,"
                + " state, updated_at) VALUES ('" + key + "', 'wa:1:" + key + "', 'whatsapp', '1', '" + state + "', "
                + updatedAt + ")");
    }

    private static void window(Statement sql, String key, String lastInbound) throws Exception {
        sql.execute("INSERT INTO outbound.conversation_windows (conversation_key, channel, last_inbound_at) VALUES ('"
                + key + "', 'whatsapp', " + lastInbound + ")");
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
