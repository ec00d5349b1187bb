package io.switchboard.testing;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.switchboard.devinfra.FoundPostgres;
import io.switchboard.devinfra.PgServer;
import io.switchboard.devinfra.PostgresFinder;

/**
 * The JVM's test database. Always reached through {@link JvmWide} (JDK types in and out), so it is created once
 * per JVM even when several Quarkus applications ask for it.
 */
final class SharedPostgres {

    private static final Logger LOG = Logger.getLogger(SharedPostgres.class.getName());

    private static final Pattern TEST_DATABASE = Pattern.compile("sb_test_(\\d+)_[0-9a-f]+");
    /** Databases of test JVMs that died without their shutdown hook are dropped after this long. */
    private static final Duration STALE_AFTER = Duration.ofHours(24);

    private static PgServer server;
    private static String database;
    private static FoundPostgres found;
    private static boolean hookRegistered;

    private SharedPostgres() {
    }

    /** Creates the database on first use and returns the Quarkus configuration pointing at it. */
    static synchronized Map<String, String> config() {
        if (database == null) {
            create();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("quarkus.datasource.reactive.url", server.reactiveUrl(database));
        config.put("quarkus.datasource.jdbc.url", server.jdbcUrl(database));
        config.put("quarkus.datasource.username", server.user());
        config.put("quarkus.datasource.password", server.password() == null ? "" : server.password());
        config.put("quarkus.datasource.devservices.enabled", "false");
        return config;
    }

    /** A new JDBC connection to the database, as the user the services get. */
    static synchronized Connection connect() throws SQLException {
        config();
        return server.connect(database);
    }

    static synchronized String databaseName() {
        return database;
    }

    /** Drops the database now; the next {@link #config()} creates a new one. Returns the dropped name. */
    static synchronized String dropDatabase() {
        String dropped = database;
        if (dropped == null) {
            return null;
        }
        try (Connection admin = server.connect(server.adminDatabase()); Statement statement = admin.createStatement()) {
            try {
                // FORCE ends sessions a pool may still hold (PostgreSQL 13+).
                statement.execute("DROP DATABASE IF EXISTS " + dropped + " WITH (FORCE)");
            } catch (SQLException e) {
                if (!"42601".equals(e.getSQLState())) {
                    throw e;
                }
                statement.execute("DROP DATABASE IF EXISTS " + dropped);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Could not drop test database " + dropped + " on " + server, e);
        }
        database = null;
        return dropped;
    }

    private static void create() {
        if (server == null) {
            server = locate();
        }
        String name = "sb_test_" + Instant.now().getEpochSecond() + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x100000, 0xFFFFFF));
        try (Connection admin = server.connect(server.adminDatabase()); Statement statement = admin.createStatement()) {
            dropStale(statement);
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create a test database on " + server
                    + " (the user needs CREATEDB or superuser): " + e.getMessage(), e);
        }
        database = name;
        LOG.info(() -> "Created test database " + name + " on " + server);
        if (!hookRegistered) {
            hookRegistered = true;
            Runtime.getRuntime().addShutdownHook(new Thread(SharedPostgres::cleanUpAtExit, "switchboard-test-pg-drop"));
        }
    }

    private static void dropStale(Statement statement) {
        List<String> stale = new ArrayList<>();
        long cutoff = Instant.now().minus(STALE_AFTER).getEpochSecond();
        try (ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database WHERE datname LIKE 'sb\\_test\\_%'")) {
            while (rows.next()) {
                Matcher matcher = TEST_DATABASE.matcher(rows.getString(1));
                if (matcher.matches() && Long.parseLong(matcher.group(1)) < cutoff) {
                    stale.add(matcher.group());
                }
            }
            for (String name : stale) {
                statement.execute("DROP DATABASE IF EXISTS " + name);
            }
        } catch (SQLException | NumberFormatException e) {
            // Best effort: an old database still in use, or no right to drop it, is not this run's problem.
        }
    }

    /**
     * The finder's order (URL setting, 5432, Docker, embedded); an embedded cluster lives under this module's
     * {@code target/}, one per test JVM, and is deleted when it stops.
     */
    private static PgServer locate() {
        Path embedded = Path.of("target", "embedded-pg", "test-jvm-" + ProcessHandle.current().pid()).toAbsolutePath();
        found = PostgresFinder.find(PostgresResource.URL, embedded, false);
        return found.server();
    }

    private static void cleanUpAtExit() {
        try {
            dropDatabase();
        } catch (RuntimeException e) {
            System.err.println("switchboard test-support: " + e.getMessage());
        }
        // After the drop: a server the finder started (container, embedded) stops; one that was there stays.
        if (found != null) {
            found.close();
        }
    }
}
