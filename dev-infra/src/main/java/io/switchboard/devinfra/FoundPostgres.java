package io.switchboard.devinfra;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The PostgreSQL {@link PostgresFinder} settled on: the server to use, where it came from, and how to stop it when
 * the finder started it (a container or an embedded server; a server that was already there is left alone).
 */
public final class FoundPostgres implements AutoCloseable {

    /** Where the server came from, in the order the finder tries them. */
    public enum Source {
        /** The URL setting the caller named. */
        URL,
        /** Something already listening on 127.0.0.1:5432. */
        LOCAL_PORT,
        /** {@code postgres:17-alpine} started through Testcontainers. */
        CONTAINER,
        /** PostgreSQL 17 from Maven artifacts, started on a free port by this JVM. */
        EMBEDDED;

        /** Whether the finder started the server, so that {@link #close()} stops it. */
        public boolean startedHere() {
            return switch (this) {
                case URL, LOCAL_PORT -> false;
                case CONTAINER, EMBEDDED -> true;
            };
        }
    }

    private final PgServer server;
    private final Source source;
    private final Runnable stop;
    private final AtomicBoolean closed = new AtomicBoolean();

    FoundPostgres(PgServer server, Source source, Runnable stop) {
        this.server = server;
        this.source = source;
        this.stop = stop;
    }

    public PgServer server() {
        return server;
    }

    public Source source() {
        return source;
    }

    /** Stops the server if the finder started it; safe to call more than once. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            stop.run();
        }
    }

    /** The line a caller prints to say which PostgreSQL it uses. */
    @Override
    public String toString() {
        return server.host() + ":" + server.port() + " as " + server.user() + " (" + server.origin() + ")";
    }
}
