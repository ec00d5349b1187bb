package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.messaging.inbox.Inbox;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.store.Db;

/** Input events already processed ({@code routing.inbox}, the messaging core's table), claimed in the effect's transaction. */
@ApplicationScoped
public class InboxStore {

    private final Inbox inbox = new Inbox(Outbox.SCHEMA);

    /** Records the input event; false when it was processed before (the primary key decides, across replicas). */
    boolean firstTime(Db db, String eventId) {
        return db.update(inbox.claimSql(), eventId) == 1;
    }
}
