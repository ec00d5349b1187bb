package io.switchboard.agent.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.supervisor.SupervisorFeed;
import io.switchboard.events.AgentStateChanged;
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
    private final SupervisorFeed supervisors;

    public EventOutbox(SupervisorFeed supervisors) {
        this.supervisors = supervisors;
    }

    /** Appends {@code event}; the caller runs inside the transaction of the change the event reports. */
    public Uni<Void> append(SwitchboardEvent event) {
        Uni<Void> appended = SessionSql.execute(outbox.insertSql(), outbox.parameters(event)).replaceWithVoid();
        // Every change of an agent is published whole from here: the supervisors' feed sees each one.
        return event instanceof AgentStateChanged agent ? appended.call(() -> supervisors.agentChanged(agent))
                : appended;
    }
}
