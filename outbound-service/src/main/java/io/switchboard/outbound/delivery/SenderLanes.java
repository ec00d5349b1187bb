package io.switchboard.outbound.delivery;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Timer;

/**
 * The shared workers, reached through one lane per sender. A lane runs at most {@code perSender} of its steps at a
 * time and queues the rest itself, so a throttled sender's due sends never fill the pool's own queue and another
 * sender's step waits for at most the other lanes' few running steps, not for their backlog.
 */
final class SenderLanes {

    private final ExecutorService workers;
    private final int perSender;
    private final DeliveryMetrics metrics;
    private final ConcurrentMap<String, Lane> lanes = new ConcurrentHashMap<>();

    SenderLanes(ExecutorService workers, int perSender, DeliveryMetrics metrics) {
        this.workers = workers;
        this.perSender = Math.max(1, perSender);
        this.metrics = metrics;
    }

    Executor lane(String sender) {
        return lanes.computeIfAbsent(sender, key -> new Lane(metrics.workerWait(key), metrics.step(key)));
    }

    /** A step and when it was handed to its lane. */
    private record Step(Runnable work, long queuedAt) {
    }

    /** Steps of one sender, in arrival order. */
    private final class Lane implements Executor {

        private final Queue<Step> waiting = new ArrayDeque<>();
        private final Timer wait;
        private final Timer busy;
        private int running;

        Lane(Timer wait, Timer busy) {
            this.wait = wait;
            this.busy = busy;
        }

        @Override
        public void execute(Runnable step) {
            if (workers.isShutdown()) {
                throw new RejectedExecutionException("outbound-service is stopping");
            }
            synchronized (this) {
                waiting.add(new Step(step, System.nanoTime()));
            }
            drain();
        }

        private void drain() {
            while (true) {
                Step next;
                synchronized (this) {
                    if (running >= perSender || waiting.isEmpty()) {
                        return;
                    }
                    next = waiting.poll();
                    running++;
                }
                try {
                    workers.execute(() -> {
                        long started = System.nanoTime();
                        wait.record(started - next.queuedAt(), TimeUnit.NANOSECONDS);
                        try {
                            next.work().run();
                        } finally {
                            busy.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                            synchronized (this) {
                                running--;
                            }
                            drain();
                        }
                    });
                } catch (RejectedExecutionException e) {
                    // Stopping: the step's future is never completed; its record stays unacknowledged.
                    synchronized (this) {
                        running--;
                    }
                    return;
                }
            }
        }
    }
}
