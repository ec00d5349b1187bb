package io.switchboard.testing;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in Docker via Testcontainers; kept apart so its classes load only when Docker is used. */
final class ContainerPostgres {

    static final String IMAGE = "postgres:17-alpine";

    private static PostgreSQLContainer container;

    private ContainerPostgres() {
    }

    @SuppressWarnings("resource")
    static synchronized PgServer start() {
        if (container == null) {
            PostgreSQLContainer started = new PostgreSQLContainer(IMAGE);
            started.start();
            container = started;
        }
        return new PgServer(container.getHost(), container.getMappedPort(PgServer.DEFAULT_PORT),
                container.getUsername(), container.getPassword(), container.getDatabaseName(),
                "Testcontainers " + IMAGE);
    }

    static synchronized void stop() {
        if (container != null) {
            container.stop();
            container = null;
        }
    }
}
