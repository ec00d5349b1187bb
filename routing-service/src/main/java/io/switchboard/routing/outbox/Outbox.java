package io.switchboard.routing.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.SwitchboardEvent;
import io.switchboard.routing.store.Db;

/**
 * Appends events (routing events, automated replies) to {@code routing.outbox} inside the caller's transaction,
 * through the messaging core's {@link io.switchboard.messaging.outbox.Outbox}: keyed by the conversation key, so a
 * conversation's events publish in commit order across replicas, and with the {@code traceparent} of the work that
 * caused them (ADR 0011).
 */
@ApplicationScoped
public class Outbox {

    public static final String SCHEMA = "routing";

    private final io.switchboard.messaging.outbox.Outbox outbox = new io.switchboard.messaging.outbox.Outbox(SCHEMA);

    public void append(Db db, SwitchboardEvent event) {
        db.update(outbox.insertSql(), outbox.parameters(event));
    }
}
