package io.switchboard.routing.queuestats;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.QueueStatsChanged;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.conversation.ServiceLevelStore;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.store.Transactions;

/**
 * Recomputes every queue's figures when {@link QueueChanges} says they may have moved, and publishes, through the
 * outbox, those that differ from what this replica last published; every queue once at start. A failed recomputation
 * is retried by the next touch (the sweeper touches on every tick, which also catches a service level that moved
 * because its window slid).
 */
@ApplicationScoped
public class QueueStatsPublisher {

    private static final Logger LOG = Logger.getLogger(QueueStatsPublisher.class);

    private final QueueChanges changes;
    private final QueueStatsStore store;
    private final ServiceLevelStore serviceLevels;
    private final QueueCatalog queues;
    private final Transactions transactions;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingConfig config;
    private final Clock clock;
    private final Map<String, QueueStatsChanged> published = new ConcurrentHashMap<>();

    public QueueStatsPublisher(QueueChanges changes, QueueStatsStore store, ServiceLevelStore serviceLevels,
            QueueCatalog queues, Transactions transactions, Outbox outbox, OutboxRelay relay, RoutingConfig config,
            Clock clock) {
        this.changes = changes;
        this.store = store;
        this.serviceLevels = serviceLevels;
        this.queues = queues;
        this.transactions = transactions;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        changes.onChange(this::publishChanged);
        changes.touched();
    }

    /** Publishes the queues whose figures changed; returns how many. */
    synchronized int publishChanged() {
        try {
            List<QueueStatsChanged> fresh = transactions.inTransaction(db -> {
                List<QueueVersion> all = queues.latest();
                Map<String, QueueStatsStore.Waiting> waiting = store.waiting(db);
                Map<String, Integer> held = store.held(db);
                List<QueueStatsStore.FreeAgent> free = store.freeAgents(db);
                List<QueueVersion> targeted = all.stream()
                        .filter(q -> q.definition().serviceLevelTarget() != null).toList();
                Map<String, ServiceLevelStore.ServiceLevel> levels = targeted.isEmpty() ? Map.of()
                        : serviceLevels.over(db, targeted, config.serviceLevelWindow().toMillis());
                Instant now = clock.instant();
                List<QueueStatsChanged> changed = new ArrayList<>();
                for (QueueVersion queue : all) {
                    QueueStatsChanged stats = figures(queue, waiting.get(queue.id()), held, free,
                            levels.get(queue.id()), now);
                    if (!stats.sameFigures(published.get(queue.id()))) {
                        outbox.append(db, stats);
                        changed.add(stats);
                    }
                }
                return changed;
            });
            fresh.forEach(stats -> published.put(stats.queueId(), stats));
            if (!fresh.isEmpty()) {
                relay.wake();
            }
            return fresh.size();
        } catch (RuntimeException e) {
            LOG.warnf("queue statistics not published, retrying on the next change: %s", e.toString());
            return 0;
        }
    }

    private static QueueStatsChanged figures(QueueVersion queue, QueueStatsStore.Waiting waiting,
            Map<String, Integer> held, List<QueueStatsStore.FreeAgent> free, ServiceLevelStore.ServiceLevel level,
            Instant now) {
        Map<String, Integer> required = queue.definition().requiredSkills();
        int agents = (int) free.stream().filter(agent -> agent.has(required)).count();
        Long target = queue.definition().serviceLevelTarget() == null ? null
                : queue.definition().serviceLevelTarget().toSeconds();
        return new QueueStatsChanged(queue.id() + ":" + UUID.randomUUID(), queue.id(),
                waiting == null ? Map.of() : waiting.depth(), waiting == null ? null : waiting.oldest(),
                level == null ? 0 : level.met(), level == null ? 0 : level.counted(), target, agents,
                held.getOrDefault(queue.id(), 0), now);
    }
}
