package io.switchboard.messaging;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.switchboard.testing.PostgresResource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgPool;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;

/** A pool on the test database, and the messaging migration applied to a schema of the test's own. */
final class TestDatabase {

    private TestDatabase() {
    }

    static Pool pool(Vertx vertx) {
        Map<String, String> config = PostgresResource.datasourceConfig();
        PgConnectOptions connect = PgConnectOptions.fromUri(config.get("quarkus.datasource.reactive.url")
                .replaceFirst("^vertx-reactive:", "")).setUser(config.get("quarkus.datasource.username"));
        String password = config.get("quarkus.datasource.password");
        if (password != null && !password.isEmpty()) {
            connect.setPassword(password);
        }
        return PgPool.pool(vertx, connect, new PoolOptions().setMaxSize(6));
    }

    /** Creates {@code schema} afresh with the tables of {@code db/messaging}, as Flyway would. */
    static void migrate(Pool pool, String schema) {
        String script;
        try (InputStream in = TestDatabase.class.getResourceAsStream(
                "/db/messaging/V202612020001__messaging_outbox_inbox.sql")) {
            script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        pool.query("DROP SCHEMA IF EXISTS " + schema + " CASCADE").executeAndAwait();
        pool.query("CREATE SCHEMA " + schema).executeAndAwait();
        // One simple-protocol query runs the whole script, dollar-quoted function body included.
        pool.query(script.replace("${flyway:defaultSchema}", schema)).executeAndAwait();
    }
}
