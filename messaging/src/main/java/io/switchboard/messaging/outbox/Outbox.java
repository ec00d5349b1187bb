package io.switchboard.messaging.outbox;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.messaging.trace.TraceContext;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends events to a service's outbox table ({@code <schema>.outbox}, created by the {@code db/messaging}
 * migration) in the caller's transaction, with the trace context of the work that caused them.
 * <p>
 * Commit order per record key: the append first takes a transaction-scoped advisory lock on the event's record key
 * (its conversation or agent), and only then draws the row id. A second transaction appending for the same key
 * waits for the first to commit, so its id is larger and it commits later: publishing in id order is publishing in
 * commit order for every key, across replicas. Transactions on different keys do not wait for each other.
 */
public final class Outbox {

    /** Salts the lock keys, so they do not collide with the services' other advisory locks. */
    private static final int LOCK_SALT = 0x5342;

    private final String insert;

    public Outbox(String schema) {
        this.insert = "WITH ordered AS (SELECT pg_advisory_xact_lock(hashtextextended(coalesce($4::text, ''), "
                + LOCK_SALT + "))) INSERT INTO " + schema + ".outbox (event_id, ce_type, topic, record_key, payload, "
                + "traceparent) SELECT $1::text, $2::text, $3::text, $4::text, $5::bytea, $6::text FROM ordered";
    }

    /** The statement, with {@code $n} parameters in the order of {@link #parameters}. */
    public String insertSql() {
        return insert;
    }

    /** The statement's parameters for {@code event}: id, type, topic, key, payload (a Vert.x buffer), trace. */
    public Object[] parameters(SwitchboardEvent event) {
        return new Object[] { event.eventId(), event.eventType().ceType(), event.eventType().topic(),
                event.recordKey(), Buffer.buffer(CloudEventCodec.data(event)), TraceContext.current() };
    }

    /** Appends on {@code client}, which must be the connection of the caller's open transaction. */
    public Uni<Void> append(SqlClient client, SwitchboardEvent event) {
        return client.preparedQuery(insert).execute(Tuple.from(parameters(event))).replaceWithVoid();
    }
}
