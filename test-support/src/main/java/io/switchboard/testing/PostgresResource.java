package io.switchboard.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL database for a module's tests: a fresh, empty database per test JVM (named
 * {@code sb_test_<epoch-seconds>_<random>}), shared by every test class and dropped by a JVM shutdown hook.
 * <p>
 * Which server is {@link io.switchboard.devinfra.PostgresFinder}'s choice: {@code SWITCHBOARD_TEST_PG_URL} (system
 * property or environment variable; {@code jdbc:postgresql://} or {@code postgresql://user:password@host:port/db}
 * form) if set; else 127.0.0.1:5432 when something accepts connections there (user {@code postgres}, then the OS
 * user, without password); else Testcontainers when a Docker engine answers; else an embedded PostgreSQL 17 under
 * {@code target/embedded-pg}, stopped and deleted at JVM exit. {@code SWITCHBOARD_PG=embedded} forces the last.
 * <p>
 * Returns {@code quarkus.datasource.reactive.url} (Vert.x form), {@code quarkus.datasource.jdbc.url},
 * {@code quarkus.datasource.username} and {@code .password}, and keeps Dev Services off.
 */
public final class PostgresResource implements QuarkusTestResourceLifecycleManager {

    /** URL of a server to create the test database on, instead of looking for one. */
    public static final String URL = "SWITCHBOARD_TEST_PG_URL";

    @Override
    @SuppressWarnings("unchecked")
    public Map<String, String> start() {
        return (Map<String, String>) JvmWide.call(SharedPostgres.class, "config");
    }

    /** The database stays for the next test class; the JVM shutdown hook drops it. */
    @Override
    public void stop() {
    }

    /** The Quarkus datasource configuration of the JVM's test database, creating it on first use. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> datasourceConfig() {
        return (Map<String, String>) JvmWide.call(SharedPostgres.class, "config");
    }

    /** A new JDBC connection to the JVM's test database (directly, never through a fault proxy); the caller closes it. */
    public static Connection connect() throws SQLException {
        try {
            return (Connection) JvmWide.call(SharedPostgres.class, "connect");
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Name of the JVM's test database, or null before the first {@link #start()}. */
    public static String databaseName() {
        return (String) JvmWide.call(SharedPostgres.class, "databaseName");
    }
}
