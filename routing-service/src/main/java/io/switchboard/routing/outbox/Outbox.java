package io.switchboard.routing.outbox;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.QueueEvent;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.routing.queuestats.QueueChanges;
import io.switchboard.routing.store.Db;
import io.vertx.core.buffer.Buffer;

/**
 * Appends events (routing events, automated replies) to {@code routing.outbox} inside the caller's transaction,
 * with the row shape and lock of the messaging core's {@link io.switchboard.messaging.outbox.Outbox}: keyed by the
 * conversation key, so a conversation's events publish in commit order across replicas, and with the
 * {@code traceparent} of the work that caused them (ADR 0011). The rows of a transaction are written together just
 * before its commit, in one statement: the per-key advisory locks first (in key order, so two transactions never
 * wait for each other in a circle), then the rows in the order they were appended.
 */
@ApplicationScoped
public class Outbox {

    public static final String SCHEMA = "routing";

    /** The core's lock salt (messaging Outbox): the same key takes the same lock as a single-row append. */
    private static final int LOCK_SALT = 0x5342;
    static final String INSERT_ALL = "WITH rows AS (SELECT * FROM unnest($1::text[], $2::text[], $3::text[],"
            + " $4::text[], $5::bytea[], $6::text[]) WITH ORDINALITY AS r(event_id, ce_type, topic, record_key,"
            + " payload, traceparent, n)),"
            + " locked AS (SELECT count(pg_advisory_xact_lock(hashtextextended(k, " + LOCK_SALT + "))) AS locks"
            + "   FROM (SELECT DISTINCT coalesce(record_key, '') AS k FROM rows ORDER BY 1) keys)"
            + " INSERT INTO " + SCHEMA + ".outbox (event_id, ce_type, topic, record_key, payload, traceparent)"
            + " SELECT event_id, ce_type, topic, record_key, payload, traceparent FROM rows, locked ORDER BY n";

    private final io.switchboard.messaging.outbox.Outbox outbox = new io.switchboard.messaging.outbox.Outbox(SCHEMA);
    private final QueueChanges changes;

    public Outbox(QueueChanges changes) {
        this.changes = changes;
    }

    public void append(Db db, SwitchboardEvent event) {
        if (!(event instanceof QueueEvent)) {
            // A routing decision may move a queue's figures: recomputed once this transaction committed.
            db.attachment(changes, () -> {
                db.afterCommit(changes::touched);
                return Boolean.TRUE;
            });
        }
        // Read now: the trace context is the caller's.
        Object[] row = outbox.parameters(event);
        List<Object[]> rows = db.attachment(this, () -> {
            List<Object[]> fresh = new ArrayList<>();
            db.beforeCommit(() -> flush(db, fresh));
            return fresh;
        });
        rows.add(row);
    }

    private static void flush(Db db, List<Object[]> rows) {
        int n = rows.size();
        String[] ids = new String[n];
        String[] types = new String[n];
        String[] topics = new String[n];
        String[] keys = new String[n];
        Buffer[] payloads = new Buffer[n];
        String[] traces = new String[n];
        for (int i = 0; i < n; i++) {
            Object[] row = rows.get(i);
            ids[i] = (String) row[0];
            types[i] = (String) row[1];
            topics[i] = (String) row[2];
            keys[i] = (String) row[3];
            payloads[i] = (Buffer) row[4];
            traces[i] = (String) row[5];
        }
        db.update(INSERT_ALL, ids, types, topics, keys, payloads, traces);
    }
}
