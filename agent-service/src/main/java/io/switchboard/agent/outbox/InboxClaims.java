package io.switchboard.agent.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.inbox.Inbox;

/** The shared inbox ({@code agent.inbox}) on the current Hibernate Reactive session; pruned by the relay. */
@ApplicationScoped
public class InboxClaims {

    private final Inbox inbox = new Inbox(EventOutbox.SCHEMA);

    /** True the first time {@code eventId} is claimed; in the transaction of the event's effect. */
    public Uni<Boolean> firstTime(String eventId) {
        return SessionSql.execute(inbox.claimSql(), eventId).map(changed -> changed == 1);
    }
}
