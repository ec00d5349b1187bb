package io.switchboard.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JVM's test database. Always reached through {@link JvmWide} (JDK types in and out), so it is created once
 * per JVM even when several Quarkus applications ask for it.
 */
final class SharedPostgres {

    private static final Logger LOG = Logger.getLogger(SharedPostgres.class.getName());

    static final String LOCAL_HOST = "127.0.0.1";
    private static final Pattern TEST_DATABASE = Pattern.compile("sb_test_(\\d+)_[0-9a-f]+");
    /** Databases of test JVMs that died without their shutdown hook are dropped after this long. */
    private static final Duration STALE_AFTER = Duration.ofHours(24);

    private static PgServer server;
    private static String database;
    private static boolean containerUsed;
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

    private static PgServer locate() {
        Optional<String> url = Settings.get(PostgresResource.URL);
        if (url.isPresent()) {
            PgServer explicit = PgServer.parse(url.get(), PostgresResource.URL);
            try (Connection ignored = explicit.connect(explicit.adminDatabase())) {
                return explicit;
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect to " + explicit + " given by " + PostgresResource.URL
                        + ": " + e.getMessage(), e);
            }
        }
        if (accepts(LOCAL_HOST, PgServer.DEFAULT_PORT)) {
            return localServer();
        }
        if (DockerSupport.available()) {
            containerUsed = true;
            return ContainerPostgres.start();
        }
        throw new IllegalStateException("No PostgreSQL for tests: " + PostgresResource.URL + " is not set, nothing "
                + "accepts connections on " + LOCAL_HOST + ":" + PgServer.DEFAULT_PORT + ", and no Docker engine is "
                + "available for Testcontainers. Do one of:\n"
                + "  - install and start PostgreSQL locally: `apt-get install postgresql`, then "
                + "`pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start` "
                + "(allow user postgres from 127.0.0.1, trust or a password given in the URL);\n"
                + "  - start any PostgreSQL on " + LOCAL_HOST + ":" + PgServer.DEFAULT_PORT + ";\n"
                + "  - set " + PostgresResource.URL + "=postgresql://user:password@host:5432/postgres "
                + "(or jdbc:postgresql://host:5432/postgres?user=..&password=..) to a server where that user may "
                + "CREATE DATABASE;\n"
                + "  - start Docker, so Testcontainers runs " + ContainerPostgres.IMAGE + ".");
    }

    /** Trust auth as {@code postgres} (the packaged default), else as the OS user (a developer's own cluster). */
    private static PgServer localServer() {
        Set<String> users = new LinkedHashSet<>(List.of("postgres", System.getProperty("user.name", "postgres")));
        List<String> failures = new ArrayList<>();
        for (String user : users) {
            PgServer candidate = new PgServer(LOCAL_HOST, PgServer.DEFAULT_PORT, user, "", "postgres",
                    LOCAL_HOST + ":" + PgServer.DEFAULT_PORT);
            try (Connection ignored = candidate.connect(candidate.adminDatabase())) {
                return candidate;
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("PostgreSQL on " + LOCAL_HOST + ":" + PgServer.DEFAULT_PORT
                + " refused passwordless logins (" + String.join("; ", failures) + "). Allow trust auth for 127.0.0.1 "
                + "in pg_hba.conf, or set " + PostgresResource.URL
                + "=postgresql://user:password@127.0.0.1:5432/postgres");
    }

    private static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void cleanUpAtExit() {
        try {
            dropDatabase();
        } catch (RuntimeException e) {
            System.err.println("switchboard test-support: " + e.getMessage());
        }
        if (containerUsed) {
            ContainerPostgres.stop();
        }
    }
}
