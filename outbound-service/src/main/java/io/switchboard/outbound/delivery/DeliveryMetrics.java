package io.switchboard.outbound.delivery;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
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
}
