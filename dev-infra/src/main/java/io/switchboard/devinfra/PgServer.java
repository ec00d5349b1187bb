package io.switchboard.devinfra;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * A PostgreSQL server the caller may create databases on, with the credentials to do so.
 *
 * @param adminDatabase the database to connect to for {@code CREATE DATABASE} and {@code DROP DATABASE}
 * @param origin        where this server came from, for messages
 */
public record PgServer(String host, int port, String user, String password, String adminDatabase, String origin) {

    public static final int DEFAULT_PORT = 5432;

    /**
     * Parses {@code jdbc:postgresql://host[:port][/db][?user=..&password=..]} or
     * {@code postgresql://[user[:password]@]host[:port][/db]} ({@code postgres://} too). The user defaults to
     * {@code postgres}, the database to {@code postgres}.
     */
    public static PgServer parse(String url, String origin) {
        String plain = url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url;
        URI uri;
        try {
            uri = URI.create(plain);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Not a PostgreSQL URL: " + url, e);
        }
        if (!"postgresql".equals(uri.getScheme()) && !"postgres".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("Not a PostgreSQL URL (want jdbc:postgresql://host:port/db or "
                    + "postgresql://user:password@host:port/db): " + url);
        }
        Map<String, String> query = new HashMap<>();
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        String user = query.getOrDefault("user", "postgres");
        String password = query.getOrDefault("password", "");
        if (uri.getRawUserInfo() != null) {
            String[] info = uri.getRawUserInfo().split(":", 2);
            user = decode(info[0]);
            password = info.length > 1 ? decode(info[1]) : password;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        String host = uri.getHost().startsWith("[") ? uri.getHost().substring(1, uri.getHost().length() - 1) : uri.getHost();
        return new PgServer(host, uri.getPort() > 0 ? uri.getPort() : DEFAULT_PORT, user, password,
                path.isEmpty() ? "postgres" : path, origin);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + hostInUrl() + ":" + port + "/" + database;
    }

    /** The form Quarkus' reactive (Vert.x) client wants. */
    public String reactiveUrl(String database) {
        return "postgresql://" + hostInUrl() + ":" + port + "/" + database;
    }

    /** Through the driver directly: {@code DriverManager} only sees drivers of the caller's class loader. */
    public Connection connect(String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", user);
        properties.setProperty("password", password == null ? "" : password);
        properties.setProperty("connectTimeout", "5");
        properties.setProperty("ApplicationName", "switchboard-dev-infra");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl(database), properties);
        if (connection == null) {
            throw new SQLException("The PostgreSQL driver rejected " + jdbcUrl(database));
        }
        return connection;
    }

    private String hostInUrl() {
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "PgServer[" + user + "@" + host + ":" + port + "/" + adminDatabase + " from " + origin + "]";
    }
}
