package io.switchboard.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The proxy between a JDBC client and the real test PostgreSQL: each fault as the client sees it. */
class FaultProxyTest {

    private FaultProxy proxy;
    private String database;
    private Properties credentials;

    @BeforeEach
    void start() {
        Map<String, String> config = PostgresResource.datasourceConfig();
        URI target = URI.create(config.get("quarkus.datasource.reactive.url"));
        proxy = FaultProxy.start(target.getHost(), target.getPort());
        database = target.getPath();
        credentials = new Properties();
        credentials.setProperty("user", config.get("quarkus.datasource.username"));
        credentials.setProperty("password", config.get("quarkus.datasource.password"));
        credentials.setProperty("connectTimeout", "2");
        credentials.setProperty("socketTimeout", "2");
    }

    @AfterEach
    void close() {
        proxy.close();
    }

    @Test
    void passesQueriesThrough() throws SQLException {
        try (Connection connection = connect()) {
            assertThat(selectOne(connection)).isEqualTo(1);
        }
    }

    @Test
    void cutResetsOpenConnectionsAndRefusesNewOnesUntilRestored() throws SQLException {
        try (Connection open = connect()) {
            proxy.cut();
            assertThatThrownBy(() -> selectOne(open)).isInstanceOf(SQLException.class);
            assertThatThrownBy(this::connect).isInstanceOf(SQLException.class);
        }
        proxy.restore();
        try (Connection again = connect()) {
            assertThat(selectOne(again)).isEqualTo(1);
        }
    }

    @Test
    void blackholeLetsTheClientTimeOutAndRestoreResumesTheSameConnection() throws SQLException {
        try (Connection open = connect()) {
            proxy.blackhole();
            long started = System.nanoTime();
            assertThatThrownBy(this::connect).isInstanceOf(SQLException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            proxy.restore();
            assertThat(selectOne(open)).isEqualTo(1);
        }
    }

    @Test
    void slowDelaysEveryRoundTrip() throws SQLException {
        try (Connection connection = connect()) {
            proxy.slow(Duration.ofMillis(300));
            long started = System.nanoTime();
            selectOne(connection);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(550));
            proxy.restore();
            started = System.nanoTime();
            selectOne(connection);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(300));
        }
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + proxy.address() + database, credentials);
    }

    private static int selectOne(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("SELECT 1")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
