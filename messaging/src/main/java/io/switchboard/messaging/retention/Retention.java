package io.switchboard.messaging.retention;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Enforces a service's retention rules (docs/privacy.md), the {@link RetentionRule} beans it produces: every {@code switchboard.retention.interval} (default
 * PT10M) each rule deletes what is older than it keeps, in batches of {@code switchboard.retention.batch} rows, each
 * batch its own statement, so no pass holds a lock for long. How long each rule keeps is
 * {@code switchboard.retention.<rule>} (an ISO-8601 duration). Removed rows are counted in
 * {@code switchboard.retention.removed} by rule. A failed pass is logged and tried again at the next interval.
 */
@ApplicationScoped
public class Retention {

    private static final Logger LOG = Logger.getLogger(Retention.class);
    /** At most this many batches per rule and pass: a large backlog is worked off over several passes. */
    static final int MAX_BATCHES_PER_PASS = 100;

    private final Pool pool;
    private final List<RetentionRule> rules;
    private final Map<String, Counter> removed = new LinkedHashMap<>();
    private final Duration interval;
    private final int batch;
    private ScheduledExecutorService scheduler;

    @Inject
    Retention(Instance<Pool> pools, MeterRegistry registry, @All List<RetentionRule> rules) {
        // A service without rules (ingress) has no database: the pool is looked up only where there are rules.
        this(rules.isEmpty() ? null : pools.get(), rules, registry);
    }

    public Retention(Pool pool, List<RetentionRule> rules, MeterRegistry registry) {
        this.pool = pool;
        this.rules = List.copyOf(rules);
        Config config = ConfigProvider.getConfig();
        this.interval = config.getOptionalValue("switchboard.retention.interval", Duration.class)
                .orElse(Duration.ofMinutes(10));
        this.batch = config.getOptionalValue("switchboard.retention.batch", Integer.class).orElse(1000);
        for (RetentionRule rule : this.rules) {
            removed.put(rule.name(), Counter.builder("switchboard.retention.removed").tag("rule", rule.name())
                    .description("Rows removed by retention").register(registry));
        }
    }

    void onStart(@Observes StartupEvent event) {
        if (!rules.isEmpty()) {
            start();
        }
    }

    /** Starts the passes on a thread of its own, the first one an interval after start-up. */
    synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "retention");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::passLogged, interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /** One pass over every rule; how many rows each removed. */
    public Map<String, Long> pass() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (RetentionRule rule : rules) {
            double keepSeconds = keep(rule).toMillis() / 1000.0;
            long total = 0;
            for (int i = 0; i < MAX_BATCHES_PER_PASS; i++) {
                int deleted = pool.preparedQuery(rule.batchDelete()).execute(Tuple.of(keepSeconds, batch))
                        .await().atMost(Duration.ofMinutes(1)).rowCount();
                total += deleted;
                if (deleted < batch) {
                    break;
                }
            }
            removed.get(rule.name()).increment(total);
            counts.put(rule.name(), total);
        }
        return counts;
    }

    /** How long {@code rule} keeps rows here: configuration, else its default. */
    public static Duration keep(RetentionRule rule) {
        return ConfigProvider.getConfig().getOptionalValue("switchboard.retention." + rule.name(), Duration.class)
                .orElse(rule.defaultKeep());
    }

    private void passLogged() {
        try {
            Map<String, Long> counts = pass();
            if (counts.values().stream().anyMatch(n -> n > 0)) {
                LOG.infof("retention removed %s", counts);
            }
        } catch (RuntimeException e) {
            LOG.warnf("retention pass failed (%s); trying again in %s", e.toString(), interval);
        }
    }

    @PreDestroy
    synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
