package io.switchboard.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Recorder;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

/**
 * Posts webhooks with a Vert.x HTTP client (keep-alive, no pipelining) on one event loop: the bench shares the cores
 * with the broker and the target, and one loop is far from its own limit at the rates measured here.
 */
final class LoadGenerator implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    private final Context context = vertx.getOrCreateContext();
    private final HttpClient client;
    private final Webhooks webhooks;
    private final Duration timeout;
    /** Set on Ctrl-C: the phase in progress ends at once instead of posting into a closed client. */
    private volatile boolean closed;

    LoadGenerator(Webhooks webhooks, int connections, Duration timeout) {
        this.webhooks = webhooks;
        this.timeout = timeout;
        // An unbounded wait queue: the open loop bounds what is outstanding itself, and a request queued for a
        // connection is late from its scheduled time like any other.
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setPipelining(false)
                        .setConnectTimeout((int) timeout.toMillis()),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    /**
     * Open loop: request i is due at t0 + i/rate, whatever happened to the ones before, and its latency counts from
     * then (no coordinated omission). The warm-up runs the same schedule just before the measured part, unrecorded.
     */
    PhaseResult openLoop(Target target, double rate, Duration warmup, Duration duration, int maxOutstanding)
            throws InterruptedException {
        long warmupCount = Math.round(rate * warmup.toNanos() / 1e9);
        long total = warmupCount + Math.round(rate * duration.toNanos() / 1e9);
        Phase phase = new Phase(target);
        AtomicLong outstanding = new AtomicLong();
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureStart = t0 + due(warmupCount, rate);
        for (long i = 0; i < total && !closed; i++) {
            long scheduled = t0 + due(i, rate);
            Webhooks.Webhook webhook = webhooks.next();
            sleepUntil(scheduled);
            boolean measured = i >= warmupCount;
            if (outstanding.get() >= maxOutstanding) {
                phase.overflow(measured);
                continue;
            }
            outstanding.incrementAndGet();
            if (measured) {
                phase.sendLag.recordValue(Math.max(0, System.nanoTime() - scheduled) / 1000);
            }
            context.runOnContext(v -> post(target, webhook).onComplete(answer -> {
                phase.complete(measured, scheduled, answer);
                outstanding.decrementAndGet();
            }));
        }
        long scheduledEnd = t0 + due(total, rate);
        awaitZero(outstanding, scheduledEnd);
        return phase.result(String.format("%.0f/s", rate), rate, measureStart, scheduledEnd);
    }

    /** Closed loop: {@code concurrency} requests always in flight, each sent when the one before it is answered. */
    PhaseResult closedLoop(Target target, int concurrency, Duration warmup, Duration duration)
            throws InterruptedException {
        Phase phase = new Phase(target);
        long measureStart = System.nanoTime() + warmup.toNanos();
        long end = measureStart + duration.toNanos();
        CountDownLatch done = new CountDownLatch(concurrency);
        for (int i = 0; i < concurrency; i++) {
            context.runOnContext(v -> loop(target, phase, measureStart, end, done));
        }
        if (!done.await(duration.toMillis() + warmup.toMillis() + timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS)) {
            IngestBench.say("max probe: some requests were still unanswered at the end");
        }
        return phase.result("max " + concurrency + "c", 0, measureStart, end);
    }

    private void loop(Target target, Phase phase, long measureStart, long end, CountDownLatch done) {
        long sent = System.nanoTime();
        if (sent >= end || closed) {
            done.countDown();
            return;
        }
        Webhooks.Webhook webhook = webhooks.next();
        post(target, webhook).onComplete(answer -> {
            phase.complete(sent >= measureStart, sent, answer);
            loop(target, phase, measureStart, end, done);
        });
    }

    /** Posts one webhook; the future holds the status code once the whole answer is read. */
    Future<Integer> post(Target target, Webhooks.Webhook webhook) {
        if (closed) {
            return Future.failedFuture("load generator closed");
        }
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setHost("127.0.0.1")
                .setPort(target.port).setURI(target.path).setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/json")
                .putHeader("X-Hub-Signature-256", webhook.signature);
        try {
            return client.request(options)
                    .compose(request -> request.send(Buffer.buffer(webhook.body)))
                    .compose(response -> response.body().map(body -> response.statusCode()));
        } catch (IllegalStateException e) {
            return Future.failedFuture(e);
        }
    }

    private static long due(long i, double rate) {
        return (long) (i * 1e9 / rate);
    }

    /** Parks rather than spins: a spinning generator would take a core from the two the targets need. */
    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }

    private void awaitZero(AtomicLong outstanding, long scheduledEnd) throws InterruptedException {
        long deadline = scheduledEnd + timeout.toNanos() + TimeUnit.SECONDS.toNanos(5);
        while (outstanding.get() > 0 && System.nanoTime() < deadline && !closed) {
            Thread.sleep(10);
        }
        if (outstanding.get() > 0) {
            IngestBench.say(outstanding.get() + " requests still unanswered after the timeout");
        }
    }

    @Override
    public void close() {
        closed = true;
        client.close();
        vertx.close();
    }

    /** Counters of one phase, written from the event loop and read once the phase is over. */
    private static final class Phase {
        final Target target;
        final Recorder latency = new Recorder(3);
        final Recorder sendLag = new Recorder(3);
        final LongAdder ok = new LongAdder();
        final LongAdder non2xx = new LongAdder();
        final LongAdder errors = new LongAdder();
        final LongAdder overflow = new LongAdder();
        final LongAdder answered = new LongAdder();
        final AtomicLong lastAnswer = new AtomicLong(Long.MIN_VALUE);

        Phase(Target target) {
            this.target = target;
        }

        void overflow(boolean measured) {
            if (measured) {
                overflow.increment();
                errors.increment();
            }
        }

        void complete(boolean measured, long startNanos, AsyncResult<Integer> answer) {
            long now = System.nanoTime();
            boolean acknowledged = answer.succeeded() && answer.result() / 100 == 2;
            (acknowledged ? target.acknowledged : target.uncertain).incrementAndGet();
            if (answer.succeeded()) {
                answered.increment();
            }
            if (!measured) {
                return;
            }
            if (answer.failed()) {
                errors.increment();
                return;
            }
            (acknowledged ? ok : non2xx).increment();
            latency.recordValue(Math.max(0, now - startNanos) / 1000);
            lastAnswer.accumulateAndGet(now, Math::max);
        }

        PhaseResult result(String load, double offered, long measureStart, long scheduledEnd) {
            long end = Math.max(scheduledEnd, lastAnswer.get());
            return new PhaseResult(load, offered, ok.sum(), non2xx.sum(), errors.sum(), overflow.sum(),
                    (end - measureStart) / 1e9, latency.getIntervalHistogram(), sendLag.getIntervalHistogram(),
                    answered.sum(), PhaseResult.Cpu.UNKNOWN);
        }
    }
}
