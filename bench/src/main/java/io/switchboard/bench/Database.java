package io.switchboard.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

import io.switchboard.devinfra.PgServer;

/** A fresh PostgreSQL database for the service a bench measures, on the server dev-infra's finder chose, dropped at the end. */
public record Database(PgServer server, String name) {

    public static Database create(PgServer server, String name) throws Exception {
        Database db = new Database(server, name);
        db.execute(server.adminDatabase(), "CREATE DATABASE " + name);
        return db;
    }

    /** The service's datasource settings, as environment variables. */
    public Map<String, String> env() {
        return Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", server.reactiveUrl(name),
                "QUARKUS_DATASOURCE_USERNAME", server.user(),
                "QUARKUS_DATASOURCE_PASSWORD", server.password() == null ? "" : server.password());
    }

    /** The first column of the first row of a query in this database (0 when it returns no row). */
    public long count(String sql) throws Exception {
        try (Connection c = server.connect(name); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    public void drop() {
        try {
            execute(server.adminDatabase(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (Exception e) {
            IngestBench.say("could not drop database " + name + ": " + e.getMessage());
        }
    }

    private void execute(String database, String sql) throws Exception {
        try (Connection c = server.connect(database); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
