package io.switchboard.agent.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.messaging.outbox.Outbox;

/**
 * Appends agent-service's events to the shared outbox ({@code agent.outbox}) in the caller's Hibernate Reactive
 * transaction; {@link AgentOutboxRelay} publishes and deletes them.
 */
@ApplicationScoped
public class EventOutbox {

    public static final String SCHEMA = "agent";

    private final Outbox outbox = new Outbox(SCHEMA);

    /** Appends {@code event}; the caller runs inside the transaction of the change the event reports. */
    public Uni<Void> append(SwitchboardEvent event) {
        return SessionSql.execute(outbox.insertSql(), outbox.parameters(event)).replaceWithVoid();
    }
}
