package io.switchboard.messaging.consume;

import java.io.IOException;
import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;

import io.switchboard.messaging.deadletter.DeadLetters;

/**
 * Sorts a failure into a {@link FailureKind} by walking its causes, outermost first; the first cause recognised
 * decides. PostgreSQL errors are sorted by SQL state class (read by reflection, so this works for the Vert.x
 * client's {@code PgException}, JDBC's {@link SQLException} and Hibernate's wrappers alike): classes 22 (data
 * exception) and 23 (integrity constraint violation) are the record's fault, connection, resource and operator
 * classes (08, 53, 57, 58) and transaction rollbacks (40: serialization failures, deadlocks) are the
 * infrastructure's. An {@code UncheckedIOException} is decided by its cause: a JSON error is the record's, a real I/O
 * error the infrastructure's.
 */
public final class Failures {

    private static final Set<String> INFRASTRUCTURE_STATES = Set.of("08", "40", "53", "55", "57", "58");
    private static final Set<String> POISON_STATES = Set.of("22", "23");
    /** Exception types of the clients we use that mean "the other side is not there", by name (no dependency). */
    private static final Set<String> INFRASTRUCTURE_NAMES = Set.of(
            "io.smallrye.mutiny.TimeoutException", "io.vertx.core.impl.NoStackTraceThrowable", "io.vertx.core.VertxException",
            "io.vertx.core.http.ConnectionPoolTooBusyException", "io.vertx.sqlclient.ClosedConnectionException",
            "io.netty.channel.ConnectTimeoutException", "io.netty.channel.AbstractChannel$AnnotatedConnectException",
            "org.hibernate.reactive.exception.ConnectionException");

    private Failures() {
    }

    public static FailureKind classify(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            FailureKind kind = classifyOne(cause);
            if (kind != null) {
                return kind;
            }
        }
        return FailureKind.UNEXPECTED;
    }

    private static FailureKind classifyOne(Throwable cause) {
        String state = sqlState(cause);
        if (state != null && state.length() >= 2) {
            String stateClass = state.substring(0, 2);
            if (POISON_STATES.contains(stateClass)) {
                return FailureKind.POISON;
            }
            if (INFRASTRUCTURE_STATES.contains(stateClass)) {
                return FailureKind.INFRASTRUCTURE;
            }
        }
        if (cause instanceof PoisonRecordException || cause instanceof RecordTooLargeException
                || cause instanceof SerializationException
                || cause instanceof IllegalArgumentException || cause instanceof NullPointerException
                || cause instanceof ClassCastException || cause instanceof ArithmeticException
                || cause instanceof IndexOutOfBoundsException || isJsonProblem(cause)) {
            return FailureKind.POISON;
        }
        if (cause instanceof DeadLetters.DeadLetterNotWritten || cause instanceof RetriableException || cause instanceof org.apache.kafka.common.errors.TimeoutException
                || cause instanceof TimeoutException || cause instanceof ConnectException
                || cause instanceof IOException || cause instanceof InterruptedException
                || INFRASTRUCTURE_NAMES.contains(cause.getClass().getName())
                || (cause instanceof IllegalStateException && mentionsConnection(cause))) {
            return FailureKind.INFRASTRUCTURE;
        }
        return null;
    }

    private static boolean isJsonProblem(Throwable cause) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("com.fasterxml.jackson.core.JacksonException")) {
                return true;
            }
        }
        return false;
    }

    private static boolean mentionsConnection(Throwable cause) {
        String message = cause.getMessage();
        return message != null && (message.contains("onnection") || message.contains("imeout")
                || message.contains("pool"));
    }

    /** The SQL state of a PostgreSQL error of any of our clients, or null. */
    static String sqlState(Throwable cause) {
        if (cause instanceof SQLException sql) {
            return sql.getSQLState();
        }
        for (String accessor : new String[] { "getSqlState", "getSQLState" }) {
            try {
                Object state = cause.getClass().getMethod(accessor).invoke(cause);
                if (state instanceof String text) {
                    return text;
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                // Not an exception that carries a state.
            }
        }
        return null;
    }
}
