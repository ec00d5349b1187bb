package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;

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
