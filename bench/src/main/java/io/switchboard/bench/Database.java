package io.switchboard.bench;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;

/** A fresh PostgreSQL database for the service a bench measures, created on a server where the user may, dropped at the end. */
public record Database(String adminUrl, String user, String password, String host, int port, String name) {

    public static Database create(String url, String name) throws Exception {
        URI uri = URI.create(url.replaceFirst("^jdbc:", ""));
        String[] userInfo = uri.getUserInfo() == null ? new String[] {"postgres"} : uri.getUserInfo().split(":", 2);
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String admin = "jdbc:postgresql://" + uri.getHost() + ":" + port + (uri.getPath() == null
                || uri.getPath().isEmpty() ? "/postgres" : uri.getPath());
        Database db = new Database(admin, userInfo[0], userInfo.length > 1 ? userInfo[1] : "", uri.getHost(), port,
                name);
        db.execute(db.adminUrl, "CREATE DATABASE " + name);
        return db;
    }

    /** The service's datasource settings, as environment variables. */
    public Map<String, String> env() {
        return Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + ":" + port + "/" + name,
                "QUARKUS_DATASOURCE_USERNAME", user, "QUARKUS_DATASOURCE_PASSWORD", password);
    }

    /** The first column of the first row of a query in this database (0 when it returns no row). */
    public long count(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + name, user,
                password); Statement s = c.createStatement(); ResultSet rows = s.executeQuery(sql)) {
            return rows.next() ? rows.getLong(1) : 0;
        }
    }

    public void drop() {
        try {
            execute(adminUrl, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (Exception e) {
            IngestBench.say("could not drop database " + name + ": " + e.getMessage());
        }
    }

    private void execute(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
