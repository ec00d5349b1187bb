package io.switchboard.routing.store;

import java.time.Duration;

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

    Db(SqlConnection connection) {
        this.connection = connection;
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
