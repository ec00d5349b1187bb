package io.switchboard.routing.conversation;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

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

    /** {@link #firstTime} for several events in one statement: the ids claimed now (each once). */
    Set<String> firstTimes(Db db, List<String> eventIds) {
        if (eventIds.size() == 1) {
            return firstTime(db, eventIds.get(0)) ? new HashSet<>(eventIds) : new HashSet<>();
        }
        Set<String> claimed = new HashSet<>();
        db.query("INSERT INTO " + Outbox.SCHEMA + ".inbox (event_id) SELECT unnest($1::text[])"
                + " ON CONFLICT (event_id) DO NOTHING RETURNING event_id", (Object) eventIds.toArray(new String[0]))
                .forEach(row -> claimed.add(row.getString("event_id")));
        return claimed;
    }
}
