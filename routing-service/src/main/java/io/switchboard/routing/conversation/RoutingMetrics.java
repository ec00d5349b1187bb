package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Offers by outcome, assignments, and per queue how many conversations wait and since when the oldest has (refreshed
 * by the sweeper). Names follow docs/observability.md.
 */
@ApplicationScoped
public class RoutingMetrics {

    /** What waits in one queue: how many conversations, and when the one waiting longest was queued. */
    record Waiting(long count, Instant oldestQueuedAt) {
    }

    private final MeterRegistry registry;
    private final Counter assignments;
    private final Map<String, QueueGauges> queues = new ConcurrentHashMap<>();
    private final Map<String, ServiceLevelGauges> serviceLevels = new ConcurrentHashMap<>();

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.assignments = Counter.builder("switchboard.routing.assignments")
                .description("Conversations assigned to an agent").register(registry);
    }

    void offer(String outcome) {
        Counter.builder("switchboard.routing.offers").description("Offers by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    void assigned() {
        assignments.increment();
    }

    /** A conversation closed without an agent resolving it, by its queue and the contract's reason. */
    void abandoned(String queue, String reason) {
        Counter.builder("switchboard.routing.abandoned").description("Conversations abandoned, by reason")
                .tag("queue", queue).tag("reason", reason).register(registry).increment();
    }

    /** The service level of every queue with a target (a queue left out no longer has one: its gauges stay). */
    void serviceLevels(Map<String, ServiceLevelStore.ServiceLevel> byQueue) {
        byQueue.forEach((queue, level) -> serviceLevels.computeIfAbsent(queue, ServiceLevelGauges::new).set(level));
    }

    /** The waiting conversations by queue; a queue left out has none waiting now. */
    void waiting(Map<String, Waiting> byQueue) {
        byQueue.keySet().forEach(queue -> queues.computeIfAbsent(queue, QueueGauges::new));
        queues.forEach((queue, gauges) -> gauges.set(byQueue.get(queue)));
    }

    /** The two gauges of one queue; the oldest wait is computed at scrape time, so it grows between sweeps. */
    private final class QueueGauges {

        private final AtomicLong depth = new AtomicLong();
        // Epoch milliseconds of the oldest waiting conversation's queueing; 0 when none waits.
        private final AtomicLong oldestQueuedAt = new AtomicLong();

        QueueGauges(String queue) {
            Gauge.builder("switchboard.routing.queue.depth", depth, AtomicLong::get)
                    .description("Conversations waiting in the queue").tag("queue", queue).register(registry);
            Gauge.builder("switchboard.routing.queue.oldest.wait", oldestQueuedAt,
                    since -> since.get() == 0 ? 0 : (System.currentTimeMillis() - since.get()) / 1000.0)
                    .description("How long the conversation waiting longest in the queue has waited")
                    .baseUnit("seconds").tag("queue", queue).register(registry);
        }

        void set(Waiting waiting) {
            depth.set(waiting == null ? 0 : waiting.count());
            oldestQueuedAt.set(waiting == null ? 0 : waiting.oldestQueuedAt().toEpochMilli());
        }
    }

    /** The share of conversations answered within the queue's target, and how many that share is of. */
    private final class ServiceLevelGauges {

        private final AtomicLong met = new AtomicLong();
        private final AtomicLong counted = new AtomicLong();

        ServiceLevelGauges(String queue) {
            // NaN while nothing is counted in the window: no share rather than a made-up 0 or 1.
            Gauge.builder("switchboard.routing.queue.service.level", this,
                    g -> g.counted.get() == 0 ? Double.NaN : (double) g.met.get() / g.counted.get())
                    .description("Share of the conversations answered within the queue's service-level target")
                    .tag("queue", queue).register(registry);
            Gauge.builder("switchboard.routing.queue.service.level.counted", counted, AtomicLong::get)
                    .description("Conversations the queue's service level counts (answered or abandoned late)")
                    .tag("queue", queue).register(registry);
        }

        void set(ServiceLevelStore.ServiceLevel level) {
            met.set(level.met());
            counted.set(level.counted());
        }
    }
}
