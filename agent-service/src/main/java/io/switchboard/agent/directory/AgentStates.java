package io.switchboard.agent.directory;

import java.time.Instant;
import java.util.Comparator;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.ApiException;
import io.switchboard.agent.outbox.Outbox;
import io.switchboard.events.AgentStateChanged;

/**
 * The one way an agent's change becomes an event: the version goes up and the whole state goes to the outbox, in
 * the caller's transaction.
 */
@ApplicationScoped
public class AgentStates {

    private final Outbox outbox;

    public AgentStates(Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Agent> changed(Agent agent, Instant now) {
        agent.version++;
        return outbox.add(stateOf(agent, now)).replaceWith(agent);
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
