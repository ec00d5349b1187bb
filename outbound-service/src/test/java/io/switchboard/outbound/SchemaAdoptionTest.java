package io.switchboard.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.switchboard.testing.PostgresResource;

/**
 * A database the former Schema.java created is adopted as the README (Database) says: the tables moved into the
 * service's schema, one start with baseline-on-migrate at the baseline version. The rows stay, the later migrations
 * run. Runs in schemas of its own: {@code legacy_*} stands for {@code public}.
 */
class SchemaAdoptionTest {

    /** What Schema.java ran at start, verbatim (unqualified: it created the tables in the search path). */
    private static final List<String> SCHEMA_JAVA = List.of(
            "CREATE TABLE IF NOT EXISTS deliveries (idempotency_key text PRIMARY KEY, conversation_key text NOT NULL,"
                    + " channel text NOT NULL, channel_account_id text NOT NULL, state text NOT NULL,"
                    + " attempts integer NOT NULL DEFAULT 0, next_attempt_at timestamptz, channel_message_id text,"
                    + " result_type text, result_json text, receipt_rank integer NOT NULL DEFAULT 0,"
                    + " receipt_failed boolean NOT NULL DEFAULT false, accepted_at timestamptz,"
                    + " created_at timestamptz NOT NULL DEFAULT now(), updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS deliveries_channel_message ON deliveries (channel, channel_message_id)",
            "CREATE INDEX IF NOT EXISTS deliveries_conversation ON deliveries (conversation_key, accepted_at)",
            "CREATE TABLE IF NOT EXISTS parked_commands (seq bigserial PRIMARY KEY, sender text NOT NULL,"
                    + " idempotency_key text NOT NULL UNIQUE, record_key text, record_value bytea NOT NULL,"
                    + " record_headers bytea NOT NULL, parked_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS parked_commands_sender ON parked_commands (sender, seq)",
            "CREATE TABLE IF NOT EXISTS conversation_windows (conversation_key text PRIMARY KEY,"
                    + " channel text NOT NULL, last_inbound_at timestamptz, closed_at timestamptz)");

    @Test
    void aSchemaJavaDatabaseIsAdoptedWithItsRows() throws Exception {
        Map<String, String> datasource = PostgresResource.datasourceConfig();
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String legacy = "legacy_" + suffix;
        String schema = "adopt_" + suffix;
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            // Given what Schema.java left, with a sent delivery, a parked command and an open window
            sql.execute("CREATE SCHEMA " + legacy);
            sql.execute("SET search_path TO " + legacy);
            for (String statement : SCHEMA_JAVA) {
                sql.execute(statement);
            }
            sql.execute("INSERT INTO deliveries (idempotency_key, conversation_key, channel, channel_account_id, state,"
                    + " channel_message_id) VALUES ('cmd-1', 'wa:1:2', 'whatsapp', '1', 'SENT', 'wamid.1')");
            sql.execute("INSERT INTO parked_commands (sender, idempotency_key, record_value, record_headers)"
                    + " VALUES ('whatsapp:1', 'cmd-2', '\\x7b7d', '\\x00000000')");
            sql.execute("INSERT INTO conversation_windows (conversation_key, channel, last_inbound_at)"
                    + " VALUES ('wa:1:2', 'whatsapp', now())");
            sql.execute("SET search_path TO public");

            // When the README's statements run, then one start with baseline-on-migrate at the baseline version
            sql.execute("CREATE SCHEMA " + schema);
            for (String table : List.of("deliveries", "parked_commands", "conversation_windows")) {
                sql.execute("ALTER TABLE " + legacy + "." + table + " SET SCHEMA " + schema);
            }
            Flyway flyway = Flyway.configure().dataSource(datasource.get("quarkus.datasource.jdbc.url"),
                    datasource.get("quarkus.datasource.username"), datasource.get("quarkus.datasource.password"))
                    .schemas(schema).defaultSchema(schema).locations("classpath:db/outbound")
                    .baselineOnMigrate(true).baselineVersion("202612031300").load();
            flyway.migrate();

            // Then the rows stay and the later versions ran
            assertThat(column(sql, "SELECT state || ' ' || channel_message_id FROM " + schema + ".deliveries"))
                    .containsExactly("SENT wamid.1");
            assertThat(column(sql, "SELECT idempotency_key || ' ' || record_partition || ' ' || record_offset FROM "
                    + schema + ".parked_commands")).containsExactly("cmd-2 -1 -1");
            assertThat(column(sql, "SELECT conversation_key FROM " + schema + ".conversation_windows"))
                    .containsExactly("wa:1:2");
            assertThat(column(sql, "SELECT count(*) FROM " + schema + ".pending_receipts")).containsExactly("0");
            assertThat(column(sql, "SELECT version FROM " + schema + ".flyway_schema_history ORDER BY installed_rank"))
                    .containsExactly("202612031300", "202612031400", "202612031410", "202612031605", "202612031621",
                            "202612031650", "202612041845");
            // the moved sequence still numbers parked commands after the old ones
            sql.execute("INSERT INTO " + schema + ".parked_commands (sender, idempotency_key, record_value,"
                    + " record_headers) VALUES ('whatsapp:1', 'cmd-3', '\\x7b7d', '\\x00000000')");
            assertThat(column(sql, "SELECT count(DISTINCT seq) FROM " + schema + ".parked_commands"))
                    .containsExactly("2");
            flyway.validate();
        } finally {
            try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                sql.execute("DROP SCHEMA IF EXISTS " + legacy + " CASCADE");
            }
        }
    }

    private static List<String> column(Statement sql, String query) throws SQLException {
        List<String> values = new ArrayList<>();
        try (ResultSet rows = sql.executeQuery(query)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

}
