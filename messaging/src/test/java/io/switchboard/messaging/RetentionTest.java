package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.switchboard.messaging.retention.Retention;
import io.switchboard.messaging.retention.RetentionRule;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;

/** Retention against the real PostgreSQL: old rows go in batches, young rows stay, the metric counts. */
class RetentionTest {

    private static final String SCHEMA = "msg_retention_test";
    private static final RetentionRule NOTES = new RetentionRule("test-notes", Duration.ofDays(30),
            "DELETE FROM " + SCHEMA + ".notes WHERE id IN (SELECT id FROM " + SCHEMA + ".notes"
                    + " WHERE written_at < now() - make_interval(secs => $1) LIMIT $2)");

    private final Vertx vertx = Vertx.vertx();
    private Pool pool;

    @BeforeEach
    void schema() {
        pool = TestDatabase.pool(vertx);
        pool.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").executeAndAwait();
        pool.query("CREATE SCHEMA " + SCHEMA).executeAndAwait();
        pool.query("CREATE TABLE " + SCHEMA + ".notes (id bigserial PRIMARY KEY, written_at timestamptz NOT NULL)")
                .executeAndAwait();
        // 2,500 rows 40 days old, 10 rows a day old.
        pool.query("INSERT INTO " + SCHEMA + ".notes (written_at) SELECT now() - interval '40 days'"
                + " FROM generate_series(1, 2500)").executeAndAwait();
        pool.query("INSERT INTO " + SCHEMA + ".notes (written_at) SELECT now() - interval '1 day'"
                + " FROM generate_series(1, 10)").executeAndAwait();
    }

    @AfterEach
    void close() {
        pool.query("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE").executeAndAwait();
        pool.closeAndAwait();
        vertx.closeAndAwait();
    }

    @Test
    void removesWhatIsOlderThanTheRuleKeepsInBatchesAndCountsIt() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        Retention retention = new Retention(pool, List.of(NOTES), registry);

        Map<String, Long> removed = retention.pass();

        assertThat(removed).containsEntry("test-notes", 2500L);
        assertThat(count()).isEqualTo(10);
        assertThat(registry.get("switchboard.retention.removed").tag("rule", "test-notes").counter().count())
                .isEqualTo(2500.0);
        assertThat(retention.pass()).containsEntry("test-notes", 0L);
    }

    @Test
    void configurationSaysHowLongARuleKeeps() {
        System.setProperty("switchboard.retention.test-notes", "PT1H");
        try {
            assertThat(Retention.keep(NOTES)).isEqualTo(Duration.ofHours(1));
            new Retention(pool, List.of(NOTES), new SimpleMeterRegistry()).pass();
            assertThat(count()).isZero();
        } finally {
            System.clearProperty("switchboard.retention.test-notes");
        }
    }

    private long count() {
        return pool.query("SELECT count(*) FROM " + SCHEMA + ".notes").executeAndAwait().iterator().next()
                .getLong(0);
    }
}
