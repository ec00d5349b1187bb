package io.switchboard.messaging.inbox;

import java.time.Duration;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The idempotent consumer's memory ({@code <schema>.inbox}, created by the {@code db/messaging} migration): an
 * input event's id is claimed in the transaction of its effect, so a redelivered event finds its id and has no
 * effect again. Ids are kept for a retention that covers the longest redelivery horizon (the channels' webhook
 * retries and the topics' retention), then pruned in bounded batches.
 */
public final class Inbox {

    /** At most this many ids per prune statement, so pruning never holds long locks. */
    public static final int PRUNE_BATCH = 5000;

    private final String claim;
    private final String prune;

    public Inbox(String schema) {
        this.claim = "INSERT INTO " + schema + ".inbox (event_id) VALUES ($1) ON CONFLICT (event_id) DO NOTHING";
        this.prune = "DELETE FROM " + schema + ".inbox WHERE event_id IN (SELECT event_id FROM " + schema
                + ".inbox WHERE processed_at < now() - make_interval(secs => $1) LIMIT " + PRUNE_BATCH + ")";
    }

    /** The claim statement: one parameter, the event id; one row changed means first time. */
    public String claimSql() {
        return claim;
    }

    /** True the first time {@code eventId} is claimed; on the connection of the effect's transaction. */
    public Uni<Boolean> firstTime(SqlClient client, String eventId) {
        return client.preparedQuery(claim).execute(Tuple.of(eventId)).map(rows -> rows.rowCount() == 1);
    }

    /** Deletes one batch of ids older than {@code retention}; returns how many. */
    public Uni<Integer> prune(SqlClient client, Duration retention) {
        return client.preparedQuery(prune).execute(Tuple.of((double) retention.toSeconds()))
                .map(rows -> rows.rowCount());
    }
}
