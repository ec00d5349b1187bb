package io.switchboard.routing.conversation;

import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Offers by outcome, assignments, and how many conversations wait (refreshed by the sweeper). */
@ApplicationScoped
public class RoutingMetrics {

    private final MeterRegistry registry;
    private final Counter assignments;
    private final AtomicLong waiting = new AtomicLong();

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.assignments = Counter.builder("routing.assignments").description("Conversations assigned to an agent")
                .register(registry);
        registry.gauge("routing.queue.depth", waiting);
    }

    void offer(String outcome) {
        Counter.builder("routing.offers").description("Offers by outcome").tag("outcome", outcome)
                .register(registry).increment();
    }

    void assigned() {
        assignments.increment();
    }

    void waiting(long count) {
        waiting.set(count);
    }
}
