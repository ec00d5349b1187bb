package io.switchboard.agent.outbox;

import java.util.regex.Pattern;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.core.buffer.Buffer;

/**
 * Runs the messaging core's statements (written for a Vert.x {@code SqlClient}, {@code $n} parameters) on the
 * current Hibernate Reactive session, so they join the caller's transaction: Hibernate Reactive does not hand out
 * its connection. The session is flushed first (Hibernate flushes before a native statement), so the statement sees
 * the entities' changes and a constraint they break fails before the event is written.
 */
public final class SessionSql {

    private static final Pattern DOLLAR_PARAMETER = Pattern.compile("\\$(\\d+)");

    private SessionSql() {
    }

    /** Executes {@code sql} with {@code parameters} ({@code $1} is the first); returns the rows it changed. */
    public static Uni<Integer> execute(String sql, Object... parameters) {
        // The space ends the ordinal label before a cast ("?4 ::text"): Hibernate reads "4::text" as one label.
        String ordinal = DOLLAR_PARAMETER.matcher(sql).replaceAll(match -> "?" + match.group(1) + " ");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(ordinal);
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                query.setParameter(i + 1, value instanceof Buffer buffer ? buffer.getBytes() : value);
            }
            return query.executeUpdate();
        });
    }

    /** The one text column of the first row {@code sql} selects, or null; parameters as {@link #execute}. */
    public static Uni<String> text(String sql, Object... parameters) {
        String ordinal = DOLLAR_PARAMETER.matcher(sql).replaceAll(match -> "?" + match.group(1) + " ");
        return Panache.getSession().flatMap(session -> {
            var query = session.createNativeQuery(ordinal, String.class);
            for (int i = 0; i < parameters.length; i++) {
                query.setParameter(i + 1, parameters[i]);
            }
            return query.setMaxResults(1).getSingleResultOrNull();
        });
    }

}
