package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PostgresResourceTest {

    @Test
    void createsAFreshDatabaseAndDropsIt() throws Exception {
        PostgresResource resource = new PostgresResource();
        Map<String, String> config = resource.start();
        String name = PostgresResource.databaseName();

        assertThat(name).matches("sb_test_\\d+_[0-9a-f]+");
        assertThat(config)
                .containsEntry("quarkus.datasource.devservices.enabled", "false")
                .containsKeys("quarkus.datasource.username", "quarkus.datasource.password");
        assertThat(config.get("quarkus.datasource.reactive.url")).matches("postgresql://[^/]+:\\d+/" + name);
        assertThat(config.get("quarkus.datasource.jdbc.url")).isEqualTo("jdbc:" + config.get("quarkus.datasource.reactive.url"));
        // Per JVM: a second start (another test class, another Quarkus application) gets the same database.
        assertThat(new PostgresResource().start()).isEqualTo(config);

        try (Connection connection = connect(config);
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT current_database()")) {
            rows.next();
            assertThat(rows.getString(1)).isEqualTo(name);
            statement.execute("CREATE TABLE probe (id int)");
        }

        assertThat(SharedPostgres.dropDatabase()).isEqualTo(name);
        assertThat(exists(config, name)).isFalse();

        Map<String, String> next = resource.start();
        assertThat(PostgresResource.databaseName()).isNotEqualTo(name);
        assertThat(exists(next, PostgresResource.databaseName())).isTrue();
    }

    @Test
    void parsesBothUrlForms() {
        assertThat(PgServer.parse("jdbc:postgresql://db.local:6543/admin?user=app&password=s%3Dcret", "test"))
                .isEqualTo(new PgServer("db.local", 6543, "app", "s=cret", "admin", "test"));
        assertThat(PgServer.parse("postgresql://app:pw@127.0.0.1/postgres", "test"))
                .isEqualTo(new PgServer("127.0.0.1", 5432, "app", "pw", "postgres", "test"));
        assertThat(PgServer.parse("postgres://[::1]:5433", "test"))
                .isEqualTo(new PgServer("::1", 5433, "postgres", "", "postgres", "test"));
        assertThat(new PgServer("::1", 5433, "u", "", "postgres", "t").reactiveUrl("x")).isEqualTo("postgresql://[::1]:5433/x");
        assertThatThrownBy(() -> PgServer.parse("mysql://localhost/x", "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Not a PostgreSQL URL");
    }

    private static Connection connect(Map<String, String> config) throws Exception {
        return DriverManager.getConnection(config.get("quarkus.datasource.jdbc.url"),
                config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
    }

    private static boolean exists(Map<String, String> config, String name) throws Exception {
        String adminUrl = config.get("quarkus.datasource.jdbc.url").replaceFirst("/[^/]+$", "/postgres");
        try (Connection connection = DriverManager.getConnection(adminUrl,
                        config.get("quarkus.datasource.username"), config.get("quarkus.datasource.password"));
                PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }
}
