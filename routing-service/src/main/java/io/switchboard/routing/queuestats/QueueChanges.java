package io.switchboard.routing.queuestats;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Coalesces "some queue's figures may have changed" into at most one recomputation per {@link #MIN_INTERVAL_MS}:
 * the first touch schedules one, later touches until it runs ride along. A touch while it runs schedules the next,
 * so no change is missed. Kept apart from the publisher so the outbox can touch it without a dependency cycle.
 */
@ApplicationScoped
public class QueueChanges {

    /** At most one publication per queue per this interval (issue 13). */
    static final long MIN_INTERVAL_MS = 500;
    // A little delay even after a quiet spell: a burst of commits (one poll, one dispatch pass) becomes one flush.
    private static final long SETTLE_MS = 20;

    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "queue-stats");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Runnable flush = () -> {
    };
    private volatile long lastFlushAt;

    /** The recomputation to run (the publisher registers itself at start). */
    void onChange(Runnable flush) {
        this.flush = flush;
    }

    /** Some queue's figures may have changed: recompute soon, at most once per interval. */
    public void touched() {
        if (!scheduled.compareAndSet(false, true)) {
            return;
        }
        long wait = Math.max(SETTLE_MS, lastFlushAt + MIN_INTERVAL_MS - System.currentTimeMillis());
        try {
            timer.schedule(this::run, wait, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            scheduled.set(false);
        }
    }

    private void run() {
        // Cleared first: a touch from here on schedules the next run, which sees what this one may have missed.
        scheduled.set(false);
        lastFlushAt = System.currentTimeMillis();
        flush.run();
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
