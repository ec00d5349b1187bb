package io.switchboard.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
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
 * A database the former Schema.java runner created is adopted by the Flyway migrations as the README says (once with
 * baseline-on-migrate): routing's rows stay, the ids it processed stay processed, and the events it had not yet
 * published move to the messaging core's outbox with their topic and key. Runs in a schema of its own.
 */
class SchemaAdoptionTest {

    @Test
    void aSchemaJavaDatabaseKeepsItsRowsItsProcessedIdsAndItsUnpublishedEvents() throws Exception {
        Map<String, String> datasource = PostgresResource.datasourceConfig();
        String schema = "adopt_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
            // Given what Schema.java left: tables, a conversation, a processed id, two unpublished events
            for (String statement : schemaJava(schema)) {
                sql.execute(statement);
            }
            sql.execute("INSERT INTO " + schema + ".conversations (conversation_id, conversation_key, channel,"
                    + " channel_account_id, queue_id, priority, state) VALUES ('conv-1', 'wa:1:2', 'whatsapp', '1',"
                    + " 'default', 0, 'queued')");
            sql.execute("INSERT INTO " + schema + ".inbox (event_id) VALUES ('seen-1')");
            sql.execute("INSERT INTO " + schema + ".outbox (event_id, ce_type, payload, traceparent) VALUES"
                    + " ('conv-1:queued:x', 'switchboard.conversation.queued',"
                    + "   convert_to('{\"conversationKey\":\"wa:1:2\"}', 'UTF8'), '00-abc-def-01'),"
                    + " ('conv-1:out-of-hours', 'switchboard.reply.requested',"
                    + "   convert_to('{\"conversationKey\":\"wa:1:2\"}', 'UTF8'), null)");

            // When the service starts with Flyway, as configured, adopting the schema once
            Flyway flyway = Flyway.configure().dataSource(datasource.get("quarkus.datasource.jdbc.url"),
                    datasource.get("quarkus.datasource.username"), datasource.get("quarkus.datasource.password"))
                    .schemas(schema).defaultSchema(schema).locations("classpath:db/routing", "classpath:db/messaging")
                    .baselineOnMigrate(true).load();
            flyway.migrate();

            // Then
            assertThat(column(sql, "SELECT state FROM " + schema + ".conversations")).containsExactly("queued");
            assertThat(column(sql, "SELECT event_id FROM " + schema + ".inbox")).containsExactly("seen-1");
            assertThat(column(sql, "SELECT event_id || ' ' || topic || ' ' || record_key || ' '"
                    + " || coalesce(traceparent, '-') FROM " + schema + ".outbox ORDER BY id")).containsExactly(
                            "conv-1:queued:x switchboard.routing.v1 wa:1:2 00-abc-def-01",
                            "conv-1:out-of-hours switchboard.outbound.v1 wa:1:2 -");
            assertThat(column(sql, "SELECT coalesce(to_regclass('" + schema + ".outbox_schema_java')::text, 'gone')"
                    + " || ' ' || coalesce(to_regclass('" + schema + ".inbox_schema_java')::text, 'gone')"))
                    .containsExactly("gone gone");
            // the core's outbox works: its trigger is there, ids go on from the moved rows
            sql.execute("INSERT INTO " + schema + ".outbox (event_id, ce_type, topic, record_key, payload)"
                    + " VALUES ('e3', 't', 'switchboard.routing.v1', 'wa:1:2', '\\x00')");
            assertThat(column(sql, "SELECT count(*) FROM pg_trigger WHERE tgname = 'outbox_notify'"
                    + " AND tgrelid = '" + schema + ".outbox'::regclass")).containsExactly("1");
            flyway.validate();
        } finally {
            try (Connection db = PostgresResource.connect(); Statement sql = db.createStatement()) {
                sql.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            }
        }
    }

    private static List<String> schemaJava(String schema) throws IOException {
        try (InputStream in = SchemaAdoptionTest.class.getResourceAsStream("/schema-java-before-flyway.sql")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("${schema}", schema);
            List<String> statements = new ArrayList<>();
            for (String statement : text.split(";\n")) {
                String code = statement.lines().filter(line -> !line.startsWith("--")).reduce("", String::concat);
                if (!code.isBlank()) {
                    statements.add(code);
                }
            }
            return statements;
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
