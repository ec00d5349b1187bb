package io.switchboard.outbound.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.switchboard.events.Channel;

/** Counters of what became of commands; ids and outcomes only, never message text or phone numbers. */
@ApplicationScoped
public class DeliveryMetrics {

    private final MeterRegistry registry;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code switchboard_outbound_results_total{channel, result, category}}. */
    void result(Channel channel, String result, String category) {
        registry.counter("switchboard.outbound.results", "channel", channel.wireName(), "result", result,
                "category", category == null ? "none" : category).increment();
    }

    /** {@code switchboard_outbound_paced_total{channel}}: sends that waited for a rate limit. */
    void paced(Channel channel) {
        registry.counter("switchboard.outbound.paced", "channel", channel.wireName()).increment();
    }

    /**
     * {@code switchboard_outbound_worker_wait_seconds{sender}}: how long a due step of the sender waited for a worker
     * (its lane's queue and the pool's). Where another sender's latency would show if one sender crowded the workers.
     */
    Timer workerWait(String sender) {
        return timer("switchboard.outbound.worker.wait", sender);
    }

    /**
     * {@code switchboard_outbound_intake_delay_seconds{sender}}: from the command's Kafka timestamp to its reading
     * here. Grows for every sender when the consumer is held back.
     */
    Timer intakeDelay(String sender) {
        return timer("switchboard.outbound.intake.delay", sender);
    }

    /** {@code switchboard_outbound_step_seconds{sender}}: a step on a worker: database, call, the result's ack. */
    Timer step(String sender) {
        return timer("switchboard.outbound.step", sender);
    }

    private Timer timer(String name, String sender) {
        return Timer.builder(name).tag("sender", sender).publishPercentiles(0.5, 0.99).register(registry);
    }

    /** {@code switchboard_outbound_dead_letters_total{category}}: commands sent to the dead-letter topic. */
    void deadLettered(String category) {
        registry.counter("switchboard.outbound.dead.letters", "category", category).increment();
    }

    /** {@code switchboard_outbound_parked_commands{sender}}: a sender's commands waiting in the database. */
    <T> void parked(String sender, T backlog, java.util.function.ToDoubleFunction<T> count) {
        Gauge.builder("switchboard.outbound.parked.commands", backlog, count).tag("sender", sender).register(registry);
    }
}
