package io.switchboard.ingress.normalize;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** What normalization made of the raw webhooks: events by type, duplicates dropped, dead letters, ignored parts. */
@ApplicationScoped
public class NormalizationMetrics {

    private final MeterRegistry registry;
    // One counter per tag set, looked up once: this runs for every event.
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    public NormalizationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void published(String channel, String eventType) {
        counter("switchboard.ingress.events", "Normalized events published", "channel", channel, "type", eventType);
    }

    void duplicate(String channel) {
        counter("switchboard.ingress.duplicates", "Redelivered events dropped by deduplication", "channel", channel);
    }

    void deadLettered(String channel) {
        counter("switchboard.ingress.dead.letters", "Parts of webhooks sent to the dead-letter topic", "channel",
                channel);
    }

    void ignored(String channel, String what) {
        counter("switchboard.ingress.ignored", "Well-signed parts of webhooks Switchboard keeps raw but does not handle",
                "channel", channel, "kind", what);
    }

    private void counter(String name, String description, String... tags) {
        List<String> key = new ArrayList<>(tags.length + 1);
        key.add(name);
        key.addAll(Arrays.asList(tags));
        counters.computeIfAbsent(key, ignored -> Counter.builder(name).description(description).tags(tags)
                .register(registry)).increment();
    }
}
