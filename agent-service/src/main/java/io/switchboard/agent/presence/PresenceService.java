package io.switchboard.agent.presence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.directory.Agent;
import io.switchboard.agent.directory.AgentStates;
import io.switchboard.agent.directory.AgentView;
import io.switchboard.events.AgentPresence;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Presence transitions. Each one that changes the presence publishes the agent's whole state; heartbeats alone
 * stay inside agent-service (ADR 0006).
 */
@ApplicationScoped
public class PresenceService {

    /** The away reason when offers lapsed unanswered several times in a row. */
    public static final String MISSED_OFFERS = "missed_offers";

    private static final Logger LOG = Logger.getLogger(PresenceService.class);

    private final AgentStates states;
    private final AgentConfig config;
    private final Pool pool;

    public PresenceService(AgentStates states, AgentConfig config, Pool pool) {
        this.states = states;
        this.config = config;
        this.pool = pool;
    }

    @WithTransaction
    public Uni<AgentView> set(String agentId, PresenceRequest request) {
        AgentPresence next = parse(request.presence());
        String reason = request.reason() == null || request.reason().isBlank() ? null : request.reason().strip();
        if (next == AgentPresence.AWAY && reason == null) {
            throw ApiException.badRequest("reason_required", "presence away needs a reason");
        }
        return states.findActive(agentId).flatMap(agent -> {
            Instant now = Instant.now();
            // The request itself shows the front end is alive.
            agent.lastHeartbeatAt = now;
            if (next == AgentPresence.AVAILABLE) {
                agent.missedOffers = 0;
            }
            boolean same = agent.presence == next
                    && (next != AgentPresence.AWAY || reason.equals(agent.awayReason));
            if (same) {
                return Uni.createFrom().item(agent);
            }
            agent.presence(next, reason, null, now);
            return states.changed(agent, now);
        }).map(AgentView::of);
    }

    /**
     * Records a heartbeat of the agent's front end (REST or socket). Plain SQL rather than the entity: it changes no
     * published state, so it must neither bump the row version (a heartbeat every few seconds would make every
     * supervisor edit a conflict) nor need a Hibernate session (socket callbacks have none).
     *
     * @return false when the directory has no active agent with this id
     */
    public Uni<Boolean> heartbeat(String agentId, Instant now) {
        return pool.preparedQuery("update agent.agents set lastHeartbeatAt = $2 where id = $1 and active")
                .execute(Tuple.of(agentId, OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .map(rows -> rows.rowCount() == 1);
    }

    /**
     * Sets offline whoever has not sent a heartbeat within the grace period, and ends wrap-ups that are due.
     *
     * @return how many agents changed
     */
    @WithTransaction
    public Uni<Integer> sweep(Instant now) {
        Instant silentSince = now.minus(config.heartbeatGrace());
        Uni<List<Agent>> silent = Agent.list("active = true and presence <> ?1 and "
                + "(lastHeartbeatAt is null or lastHeartbeatAt < ?2)", AgentPresence.OFFLINE, silentSince);
        return silent.flatMap(lost -> changeAll(lost, agent -> {
            LOG.infof("heartbeat lost, agent set offline agentId=%s lastHeartbeatAt=%s", agent.id,
                    agent.lastHeartbeatAt);
            agent.presence(AgentPresence.OFFLINE, null, null, now);
        }, now).flatMap(offline -> Agent.<Agent>list("active = true and presence = ?1 and wrapUpUntil <= ?2",
                AgentPresence.WRAP_UP, now)
                .flatMap(done -> changeAll(done, agent -> agent.presence(AgentPresence.AVAILABLE, null, null, now),
                        now))
                .map(available -> offline + available)));
    }

    /** Routing let an offer to this agent lapse: several in a row set an available agent away. */
    public Uni<Void> offerMissed(String agentId, Instant now) {
        return Agent.<Agent>findById(agentId).flatMap(agent -> {
            if (agent == null || !agent.active) {
                return Uni.createFrom().voidItem();
            }
            agent.missedOffers++;
            if (agent.missedOffers < config.missedOffersBeforeAway() || agent.presence != AgentPresence.AVAILABLE) {
                return Uni.createFrom().voidItem();
            }
            agent.missedOffers = 0;
            agent.presence(AgentPresence.AWAY, MISSED_OFFERS, null, now);
            return states.changed(agent, now).replaceWithVoid();
        });
    }

    /** The agent answered an offer, so the missed ones are no longer "in a row". */
    public Uni<Void> offerAnswered(String agentId) {
        return Agent.<Agent>findById(agentId).invoke(agent -> {
            if (agent != null) {
                agent.missedOffers = 0;
            }
        }).replaceWithVoid();
    }

    /** A conversation of this agent was resolved: an available agent wraps up for the channel's time. */
    public Uni<Void> conversationEnded(String agentId, String channel, Instant now) {
        return Agent.<Agent>findById(agentId).flatMap(agent -> {
            if (agent == null || !agent.active
                    || (agent.presence != AgentPresence.AVAILABLE && agent.presence != AgentPresence.WRAP_UP)) {
                return Uni.createFrom().voidItem();
            }
            agent.presence(AgentPresence.WRAP_UP, null, now.plus(config.wrapUpFor(channel)), now);
            return states.changed(agent, now).replaceWithVoid();
        });
    }

    private Uni<Integer> changeAll(List<Agent> agents, java.util.function.Consumer<Agent> change, Instant now) {
        if (agents.isEmpty()) {
            return Uni.createFrom().item(0);
        }
        return Multi.createFrom().iterable(agents)
                .onItem().transformToUniAndConcatenate(agent -> {
                    change.accept(agent);
                    return states.changed(agent, now);
                })
                .collect().asList().map(List::size);
    }

    private static AgentPresence parse(String presence) {
        switch (presence) {
            case "available":
                return AgentPresence.AVAILABLE;
            case "away":
                return AgentPresence.AWAY;
            case "offline":
                return AgentPresence.OFFLINE;
            case "wrap_up":
                throw ApiException.badRequest("presence_not_settable",
                        "wrap_up starts by itself after a resolved conversation");
            default:
                throw ApiException.badRequest("unknown_presence",
                        "presence must be available, away or offline, not '" + presence + "'");
        }
    }
}
