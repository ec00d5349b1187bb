package io.switchboard.local;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.Map;

import io.switchboard.devinfra.FoundPostgres;
import io.switchboard.devinfra.PgServer;
import io.switchboard.devinfra.PostgresFinder;

/**
 * The PostgreSQL the services use, as dev-infra's {@link PostgresFinder} chooses it: {@code SWITCHBOARD_PG_URL}, else
 * 127.0.0.1:5432, else Testcontainers when Docker runs, else an embedded PostgreSQL 17 with its cluster in
 * {@code .local/pg-embedded} (kept between runs). {@code SWITCHBOARD_PG=embedded} forces the last.
 */
final class Postgres {

    static final String URL_SETTING = "SWITCHBOARD_PG_URL";

    private final FoundPostgres found;
    private final PgServer server;

    private Postgres(FoundPostgres found) {
        this.found = found;
        this.server = found.server();
    }

    /** Finds or starts PostgreSQL; throws with the reason when none can be had. */
    static Postgres findOrStart(Path home) {
        return new Postgres(PostgresFinder.find(URL_SETTING, home.resolve("pg-embedded"), true));
    }

    /** Creates each database that does not exist yet. */
    void createDatabases(Collection<String> names) throws Exception {
        try (Connection c = server.connect(server.adminDatabase())) {
            for (String name : names) {
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, name);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                }
                LocalStack.say("created database " + name);
            }
        }
    }

    /** Proves the server answers with these credentials. */
    void check() throws Exception {
        try (Connection c = server.connect(server.adminDatabase())) {
            c.isValid(5);
        }
    }

    /** The environment a Quarkus service with a reactive datasource needs for {@code database}. */
    Map<String, String> datasourceEnv(String database) {
        return Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(database),
                "QUARKUS_DATASOURCE_USERNAME", server.user(),
                "QUARKUS_DATASOURCE_PASSWORD", server.password() == null ? "" : server.password());
    }

    /** A JDBC connection to one of the stack's databases (tests look into the services' tables). */
    Connection connect(String database) throws SQLException {
        return server.connect(database);
    }

    String address() {
        return server.host() + ":" + server.port();
    }

    /** Drops databases a test run made for itself, once the services using them have stopped. */
    void dropDatabases(Collection<String> names) {
        try (Connection c = server.connect(server.adminDatabase()); Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
            }
        } catch (Exception e) {
            LocalStack.say("could not drop " + names + ": " + e.getMessage());
        }
    }

    /** Stops the server only if this run started it (a container, or the embedded one). */
    void stop() {
        if (found.source().startedHere()) {
            LocalStack.say("stopping PostgreSQL (" + server.origin() + ")");
        }
        found.close();
    }

    @Override
    public String toString() {
        return found.toString();
    }
}
