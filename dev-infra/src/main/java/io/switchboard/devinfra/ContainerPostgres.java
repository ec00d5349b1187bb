package io.switchboard.devinfra;

import org.testcontainers.postgresql.PostgreSQLContainer;

/** PostgreSQL in Docker via Testcontainers; kept apart so its classes load only when Docker is used. */
final class ContainerPostgres {

    static final String IMAGE = "postgres:17-alpine";

    private ContainerPostgres() {
    }

    @SuppressWarnings("resource")
    static FoundPostgres start() {
        PostgreSQLContainer container = new PostgreSQLContainer(IMAGE);
        container.start();
        PgServer server = new PgServer(container.getHost(), container.getMappedPort(PgServer.DEFAULT_PORT),
                container.getUsername(), container.getPassword(), container.getDatabaseName(),
                "Testcontainers " + IMAGE);
        return new FoundPostgres(server, FoundPostgres.Source.CONTAINER, container::stop);
    }
}
