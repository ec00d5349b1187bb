package io.switchboard.devinfra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The embedded path on this machine, although PostgreSQL answers on 5432 here: forced by the setting, it starts,
 * takes a migration and queries, and is gone afterwards. Runs as root in CI, which PostgreSQL itself refuses.
 */
class EmbeddedPostgresTest {

    private static final Path ROOT = Path.of("target", "embedded-pg-test-" + ProcessHandle.current().pid())
            .toAbsolutePath();

    @AfterEach
    void clearMode() {
        System.clearProperty(PostgresFinder.MODE);
    }

    @Test
    void theSettingForcesAnEmbeddedServerThatTakesMigrationsAndStopsForGood() throws Exception {
        System.setProperty(PostgresFinder.MODE, "embedded");
        Path data = ROOT.resolve("fresh");
        int port;
        try (FoundPostgres found = PostgresFinder.find("SWITCHBOARD_DEV_INFRA_TEST_PG_URL", data, false)) {
            PgServer server = found.server();
            port = server.port();
            assertThat(found.source()).isEqualTo(FoundPostgres.Source.EMBEDDED);
            assertThat(port).isNotEqualTo(PgServer.DEFAULT_PORT);
            assertThat(found.toString()).contains("embedded PostgreSQL 17", data.toString());
            assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();

            try (Connection c = server.connect(server.adminDatabase()); Statement s = c.createStatement()) {
                for (String statement : statements("embedded-check.sql")) {
                    s.execute(statement);
                }
                assertThat(single(s, "SHOW server_version_num")).startsWith("17");
                assertThat(single(s, "SELECT count(*) FROM conversation_probe")).isEqualTo("2");
                assertThat(single(s, "SELECT reference FROM conversation_probe WHERE id = 2"))
                        .isEqualTo("fb:1049387362841023:7000");
                assertThatThrownBy(() -> s.execute(
                        "INSERT INTO conversation_probe (id, reference) VALUES (3, 'fb:1049387362841023:7000')"))
                        .isInstanceOf(SQLException.class).hasMessageContaining("unique");
            }
        }
        assertThat(PostgresFinder.accepts(PostgresFinder.LOCAL_HOST, port)).as("port %d after close", port).isFalse();
        assertThat(Files.exists(data)).as("a fresh cluster is deleted at close").isFalse();
    }

    @Test
    void aKeptClusterSurvivesARestart() throws Exception {
        System.setProperty(PostgresFinder.MODE, "embedded");
        Path data = ROOT.resolve("kept");
        try (FoundPostgres first = PostgresFinder.find("SWITCHBOARD_DEV_INFRA_TEST_PG_URL", data, true);
                Connection c = first.server().connect("postgres"); Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE kept_probe");
        }
        try (FoundPostgres second = PostgresFinder.find("SWITCHBOARD_DEV_INFRA_TEST_PG_URL", data, true);
                Connection c = second.server().connect("kept_probe"); Statement s = c.createStatement()) {
            assertThat(single(s, "SELECT current_database()")).isEqualTo("kept_probe");
        }
        assertThat(Files.exists(data.resolve("PG_VERSION"))).isTrue();
    }

    @Test
    void anUnknownModeIsRefused() {
        System.setProperty(PostgresFinder.MODE, "private");
        assertThatThrownBy(() -> PostgresFinder.find("SWITCHBOARD_DEV_INFRA_TEST_PG_URL", ROOT.resolve("never"), false))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("SWITCHBOARD_PG=private is not a mode");
        assertThat(Files.exists(ROOT.resolve("never"))).isFalse();
    }

    private static List<String> statements(String resource) throws IOException {
        try (InputStream in = EmbeddedPostgresTest.class.getResourceAsStream("/" + resource)) {
            String sql = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            List<String> statements = new ArrayList<>();
            for (String statement : sql.split(";")) {
                if (!statement.isBlank()) {
                    statements.add(statement.trim());
                }
            }
            return statements;
        }
    }

    private static String single(Statement s, String sql) throws SQLException {
        try (ResultSet rows = s.executeQuery(sql)) {
            assertThat(rows.next()).isTrue();
            return rows.getString(1);
        }
    }
}
