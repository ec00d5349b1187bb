package io.switchboard.routing.store;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One connection inside one transaction, used from a worker thread: each statement waits for its result, so the
 * routing rules read top to bottom. The decisions themselves are in the SQL (conditional updates, unique indexes).
 */
public final class Db {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofSeconds(30);

    private final SqlConnection connection;
    private final List<Runnable> beforeCommit = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final Map<Object, Object> attachments = new HashMap<>();

    Db(SqlConnection connection) {
        this.connection = connection;
    }

    /**
     * Runs {@code work} once, on this connection, after the unit of work returned and before the commit (e.g. the
     * outbox rows of the whole transaction in one statement: one round trip, and their locks held shortest).
     */
    public void beforeCommit(Runnable work) {
        beforeCommit.add(work);
    }

    /** Runs {@code work} once the transaction committed (not after a rollback), e.g. to tell a watcher of a change. */
    public void afterCommit(Runnable work) {
        afterCommit.add(work);
    }

    /** What {@code owner} keeps for this transaction, made by {@code create} on first use. */
    @SuppressWarnings("unchecked")
    public <T> T attachment(Object owner, Supplier<T> create) {
        Object value = attachments.get(owner);
        if (value == null) {
            value = create.get();
            attachments.put(owner, value);
        }
        return (T) value;
    }

    void runBeforeCommit() {
        for (int i = 0; i < beforeCommit.size(); i++) {
            beforeCommit.get(i).run();
        }
    }

    void runAfterCommit() {
        afterCommit.forEach(Runnable::run);
    }

    public RowSet<Row> query(String sql, Object... args) {
        return connection.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(STATEMENT_TIMEOUT);
    }

    /** The rows a statement changed: 0 means the condition did not hold and another writer won. */
    public int update(String sql, Object... args) {
        return query(sql, args).rowCount();
    }

    public Row one(String sql, Object... args) {
        RowSet<Row> rows = query(sql, args);
        return rows.size() == 0 ? null : rows.iterator().next();
    }
}
