package io.switchboard.agent.directory;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.outbox.EventOutbox;
import io.switchboard.events.AgentStateChanged;

/**
 * The one way an agent's change becomes an event: the version goes up and the whole state goes to the outbox, in
 * the caller's transaction.
 */
@ApplicationScoped
public class AgentStates {

    private final EventOutbox outbox;

    public AgentStates(EventOutbox outbox) {
        this.outbox = outbox;
    }

    /**
     * Publishes the agent's new state. The row is written first: a concurrent writer of the same agent then fails on
     * the row version (409 version_conflict), before it could publish a version that is not its own.
     */
    public Uni<Agent> changed(Agent agent, Instant now) {
        agent.version++;
        return Panache.getSession().flatMap(session -> session.flush())
                .flatMap(flushed -> outbox.append(stateOf(agent, now))).replaceWith(agent);
    }

    public Uni<Agent> find(String id) {
        return Agent.<Agent>findById(id).onItem().ifNull()
                .failWith(() -> ApiException.notFound("unknown_agent", "no agent with id " + id));
    }

    public Uni<Agent> findActive(String id) {
        return find(id).invoke(agent -> {
            if (!agent.active) {
                throw ApiException.notFound("unknown_agent", "agent " + id + " was removed from the directory");
            }
        });
    }

    static AgentStateChanged stateOf(Agent agent, Instant now) {
        return new AgentStateChanged(agent.id + ":" + agent.version, agent.id, agent.displayName, agent.languages,
                agent.skills.entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .map(e -> new AgentStateChanged.Skill(e.getKey(), e.getValue())).toList(),
                agent.capacity, agent.presence, agent.presenceSince, agent.awayReason, agent.wrapUpUntil,
                agent.active, agent.version, now);
    }

    static Comparator<Agent> byId() {
        return Comparator.comparing(agent -> agent.id);
    }
}
