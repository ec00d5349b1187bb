package io.switchboard.agent;

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

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import io.switchboard.testing.PostgresResource;

/**
 * A database Hibernate's {@code update} made before Flyway is adopted by the first start (README.md, Database): the
 * baseline is taken as applied, the old outbox's unpublished rows reach the shared outbox, its Idempotency-Keys and
 * the processed ids are kept, and the schema ends up as a new database's.
 */
class DatabaseAdoptionTest {

    private final Map<String, String> database = PostgresResource.datasourceConfig();

    @Test
    void aSchemaHibernateMadeIsAdoptedWithItsUnpublishedEventsAndEndsLikeANewOne() throws Exception {
        String adopted = "agent_adopted";
        try (Connection connection = PostgresResource.connect(); Statement sql = connection.createStatement()) {
            sql.execute("DROP SCHEMA IF EXISTS " + adopted + " CASCADE");
            sql.execute(hibernateSchema().replace("SCHEMA", adopted));
            sql.execute("INSERT INTO " + adopted + ".outbox (eventId, ceType, recordKey, payload, createdAt, sentAt) "
                    + "VALUES ('click-1', 'switchboard.agent.offer-accepted', 'wa:1:2', '{\"a\":1}', now(), now()), "
                    + "('click-2', 'switchboard.reply.requested', 'wa:1:2', '{\"b\":2}', now(), null), "
                    + "('alice:3', 'switchboard.agent.state-changed', 'alice', '{\"c\":3}', now(), null)");
            sql.execute("INSERT INTO " + adopted + ".processed_events (eventId, processedAt) VALUES ('seen-1', now())");
        }

        migrate(adopted);
        migrate("agent_fresh");

        try (Connection connection = PostgresResource.connect(); Statement sql = connection.createStatement()) {
            assertThat(rows(sql, "SELECT event_id || ' ' || topic || ' ' || convert_from(payload, 'UTF8') FROM "
                    + adopted + ".outbox ORDER BY id"))
                    .containsExactly("click-2 switchboard.outbound.v1 {\"b\":2}",
                            "alice:3 switchboard.agents.v1 {\"c\":3}");
            assertThat(rows(sql, "SELECT idempotency_key FROM " + adopted + ".idempotency_keys ORDER BY 1"))
                    .containsExactly("click-1", "click-2");
            assertThat(rows(sql, "SELECT event_id FROM " + adopted + ".inbox")).containsExactly("seen-1");
            assertThat(columns(sql, adopted)).isEqualTo(columns(sql, "agent_fresh"));
        }
    }

    private void migrate(String schema) {
        Flyway.configure().dataSource(database.get("quarkus.datasource.jdbc.url"),
                database.get("quarkus.datasource.username"), database.get("quarkus.datasource.password"))
                .schemas(schema).defaultSchema(schema).createSchemas(true)
                .locations("classpath:db/agent", "classpath:db/messaging")
                .baselineOnMigrate(true).baselineVersion("202612010000").load().migrate();
    }

    /** Every table's columns with type and nullability, Flyway's history left out. */
    private static List<String> columns(Statement sql, String schema) throws SQLException {
        return rows(sql, "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable FROM "
                + "information_schema.columns WHERE table_schema = '" + schema + "' AND table_name <> "
                + "'flyway_schema_history' ORDER BY 1");
    }

    private static List<String> rows(Statement sql, String query) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (ResultSet result = sql.executeQuery(query)) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static String hibernateSchema() throws IOException {
        try (InputStream in = DatabaseAdoptionTest.class.getResourceAsStream("/adoption/hibernate-schema.sql")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
