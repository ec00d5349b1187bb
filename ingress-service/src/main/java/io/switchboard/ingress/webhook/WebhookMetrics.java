package io.switchboard.ingress.webhook;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Webhooks by channel and outcome, and the time from receipt to Kafka's acknowledgement. Meters are looked up once
 * per tag set and kept: this runs on every request.
 */
@ApplicationScoped
public class WebhookMetrics {

    private final MeterRegistry registry;
    private final Map<String, Counter> webhooks = new ConcurrentHashMap<>();
    private final Map<String, Timer> acks = new ConcurrentHashMap<>();

    public WebhookMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void record(String channel, WebhookOutcome outcome) {
        webhooks.computeIfAbsent(channel + "/" + outcome.tag(), ignored -> Counter.builder("switchboard.ingress.webhooks")
                .description("Webhooks received, by channel and how they were answered")
                .tag("channel", channel)
                .tag("outcome", outcome.tag())
                .register(registry))
                .increment();
    }

    public void acknowledged(String channel, Duration elapsed) {
        acks.computeIfAbsent(channel, ignored -> Timer.builder("switchboard.ingress.ack")
                .description("Time from receiving a webhook to Kafka's acknowledgement of its raw record")
                .tag("channel", channel)
                .publishPercentileHistogram()
                .register(registry))
                .record(elapsed);
    }
}
