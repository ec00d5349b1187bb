package io.switchboard.agent.presence;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.directory.Agent;
import io.switchboard.events.AgentPresence;

/** Runs the presence sweep on a timer and keeps the agents-by-presence gauge current. */
@ApplicationScoped
public class PresenceSweep {

    private static final Logger LOG = Logger.getLogger(PresenceSweep.class);

    private final PresenceService presence;
    private final Map<AgentPresence, AtomicLong> byPresence = new EnumMap<>(AgentPresence.class);

    public PresenceSweep(PresenceService presence, MeterRegistry registry) {
        this.presence = presence;
        for (AgentPresence value : AgentPresence.values()) {
            AtomicLong count = new AtomicLong();
            byPresence.put(value, count);
            registry.gauge("switchboard.agent.presence.agents", Tags.of("presence", value.wireName()), count);
        }
    }

    @Scheduled(every = "${switchboard.agent.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes before the scheduler stops.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> sweep() {
        return presence.sweep(Instant.now())
                .flatMap(changed -> Panache.withSession(() -> Agent.<Agent>list("active", true)))
                .invoke(agents -> {
                    Map<AgentPresence, Long> counts = new EnumMap<>(AgentPresence.class);
                    agents.forEach(agent -> counts.merge(agent.presence, 1L, Long::sum));
                    byPresence.forEach((value, gauge) -> gauge.set(counts.getOrDefault(value, 0L)));
                })
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("presence sweep failed, retrying next run: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
