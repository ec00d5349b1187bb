package io.switchboard.routing.store;

import java.time.Duration;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;

/**
 * Runs a unit of work in one PostgreSQL transaction on a worker thread: committed when it returns, rolled back when
 * it throws. Callers are Kafka consumers marked blocking, the scheduler and REST on worker threads.
 */
@ApplicationScoped
public class Transactions {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_ATTEMPTS = 3;

    private final Pool pool;

    public Transactions(Pool pool) {
        this.pool = pool;
    }

    public <T> T inTransaction(Function<Db, T> work) {
        for (int attempt = 1;; attempt++) {
            try {
                return once(work);
            } catch (RuntimeException e) {
                // Two replicas taking rows in a different order may deadlock; PostgreSQL aborts one, which runs again.
                if (attempt == MAX_ATTEMPTS || !retryable(e)) {
                    throw e;
                }
            }
        }
    }

    private static boolean retryable(Throwable e) {
        if (e instanceof ConcurrentChange) {
            return true;
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException) {
                String state = ((PgException) cause).getSqlState();
                return "40P01".equals(state) || "40001".equals(state);
            }
        }
        return false;
    }

    private <T> T once(Function<Db, T> work) {
        SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(TIMEOUT);
            try {
                Db db = new Db(connection);
                T result = work.apply(db);
                db.runBeforeCommit();
                transaction.commit().await().atMost(TIMEOUT);
                db.runAfterCommit();
                return result;
            } catch (RuntimeException e) {
                transaction.rollback().onFailure().recoverWithNull().await().atMost(TIMEOUT);
                throw e;
            }
        } finally {
            connection.close().await().atMost(TIMEOUT);
        }
    }
}
