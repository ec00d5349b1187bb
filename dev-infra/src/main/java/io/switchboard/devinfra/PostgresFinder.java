package io.switchboard.devinfra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;

/**
 * The one place that decides which PostgreSQL the tests, the local stack and the benches use. First match wins:
 * <ol>
 * <li>the URL in the setting the caller names ({@code SWITCHBOARD_TEST_PG_URL} for tests, {@code SWITCHBOARD_PG_URL}
 * for the run command), which must answer;</li>
 * <li>a server on 127.0.0.1:5432 (user {@code postgres}, then the OS user, without password);</li>
 * <li>{@code postgres:17-alpine} through Testcontainers when a Docker engine answers;</li>
 * <li>an embedded PostgreSQL 17 from Maven artifacts on a free port, data in the caller's directory.</li>
 * </ol>
 * {@value #MODE}{@code =embedded} (or {@code -Dswitchboard.pg=embedded}) skips straight to the last, so that it is
 * exercised on machines that have the others too. The choice is logged and is the {@link FoundPostgres#toString()}.
 */
public final class PostgresFinder {

    /** {@code auto} (the default) or {@code embedded}. */
    public static final String MODE = "SWITCHBOARD_PG";
    static final String LOCAL_HOST = "127.0.0.1";

    private static final Logger LOG = Logger.getLogger(PostgresFinder.class.getName());

    /** Whether to look for a server or go straight to the embedded one. */
    public enum Mode {
        AUTO, EMBEDDED;

        /** From {@value #MODE}; an unknown value is refused rather than read as the default. */
        public static Mode fromSettings() {
            Optional<String> value = Settings.get(MODE);
            if (value.isEmpty()) {
                return AUTO;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "auto" -> AUTO;
                case "embedded" -> EMBEDDED;
                default -> throw new IllegalArgumentException(MODE + "=" + value.get()
                        + " is not a mode: use auto (the default: URL, 127.0.0.1:5432, Docker, embedded) or embedded");
            };
        }
    }

    private PostgresFinder() {
    }

    /**
     * Finds or starts PostgreSQL.
     *
     * @param urlSetting  the setting that may name a server (read through {@link Settings})
     * @param embeddedDir where an embedded server keeps its cluster
     * @param keepData    reuse an embedded cluster from an earlier run, and keep it at {@link FoundPostgres#close()}
     */
    public static FoundPostgres find(String urlSetting, Path embeddedDir, boolean keepData) {
        FoundPostgres found = switch (Mode.fromSettings()) {
            case EMBEDDED -> EmbeddedPostgresServer.start(embeddedDir, keepData);
            case AUTO -> look(urlSetting, embeddedDir, keepData);
        };
        LOG.info(() -> "PostgreSQL: " + found);
        return found;
    }

    private static FoundPostgres look(String urlSetting, Path embeddedDir, boolean keepData) {
        Optional<String> url = Settings.get(urlSetting);
        if (url.isPresent()) {
            PgServer named = PgServer.parse(url.get(), urlSetting);
            try (Connection ignored = named.connect(named.adminDatabase())) {
                return new FoundPostgres(named, FoundPostgres.Source.URL, () -> { });
            } catch (SQLException e) {
                throw new IllegalStateException("Cannot connect to " + named + " given by " + urlSetting + ": "
                        + e.getMessage(), e);
            }
        }
        if (accepts(LOCAL_HOST, PgServer.DEFAULT_PORT)) {
            return new FoundPostgres(localServer(urlSetting), FoundPostgres.Source.LOCAL_PORT, () -> { });
        }
        if (DockerSupport.available()) {
            return ContainerPostgres.start();
        }
        return EmbeddedPostgresServer.start(embeddedDir, keepData);
    }

    /** Trust auth as {@code postgres} (the packaged default), else as the OS user (a developer's own cluster). */
    private static PgServer localServer(String urlSetting) {
        Set<String> users = new LinkedHashSet<>(List.of("postgres", System.getProperty("user.name", "postgres")));
        List<String> failures = new ArrayList<>();
        for (String user : users) {
            PgServer candidate = new PgServer(LOCAL_HOST, PgServer.DEFAULT_PORT, user, "", "postgres",
                    "already running on " + LOCAL_HOST + ":" + PgServer.DEFAULT_PORT);
            try (Connection ignored = candidate.connect(candidate.adminDatabase())) {
                return candidate;
            } catch (SQLException e) {
                failures.add(user + ": " + e.getMessage());
            }
        }
        throw new IllegalStateException("PostgreSQL on " + LOCAL_HOST + ":" + PgServer.DEFAULT_PORT
                + " refused passwordless logins (" + String.join("; ", failures) + "). Allow trust auth for 127.0.0.1 "
                + "in pg_hba.conf, set " + urlSetting + "=postgresql://user:password@127.0.0.1:5432/postgres, or set "
                + MODE + "=embedded");
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
