package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.switchboard.events.ReplyRequested;
import io.switchboard.messaging.consume.Backoff;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.consume.FailureKind;
import io.switchboard.messaging.consume.Failures;
import io.switchboard.messaging.logging.LogContext;
import io.switchboard.outbound.account.AccountPauses;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.ownership.SenderOwnership;
import io.switchboard.outbound.ratelimit.SendRateLimiter;

/**
 * Schedules a command's steps ({@link DeliveryFlow}) until it has a result. Waits (pacing, back-off, a paused
 * account, an outage) are scheduled continuations, so no thread and no other conversation waits with them; a due
 * step goes to the shared workers through its sender's lane ({@link SenderLanes}).
 */
@ApplicationScoped
public class DeliveryProcessor {

    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);
    private static final Duration PAUSED_RECHECK = Duration.ofSeconds(1);
    /** How readiness names the deliveries' outages. */
    static final String HEALTH = "deliveries";
    private static final int UNEXPECTED_ATTEMPTS = 5;
    /** A step's answer when the sender's partition was revoked before it began. */
    private static final Duration MOVED = Duration.ofNanos(-1);

    private final OutboundConfig config;
    private final DeliveryFlow flow;
    private final SendRateLimiter limiter;
    private final DeliveryMetrics metrics;
    private final AccountPauses pauses;
    private final ResultPublisher publisher;
    private final ConsumerHealth health;
    private final SenderOwnership ownership;
    private final Map<String, Integer> unexpected = new ConcurrentHashMap<>();
    private final Map<String, Integer> outages = new ConcurrentHashMap<>();
    private final Backoff outageBackoff;
    private final ExecutorService workers;
    private final SenderLanes lanes;
    /** Commands whose next step holds a reserved sender slot (see {@link SendRateLimiter#acquire}). */
    private final Map<String, Next.Reservation> reservedSlots = new ConcurrentHashMap<>();

    public DeliveryProcessor(OutboundConfig config, DeliveryFlow flow, SendRateLimiter limiter,
            DeliveryMetrics metrics, AccountPauses pauses, ResultPublisher publisher, ConsumerHealth health,
            SenderOwnership ownership) {
        this.publisher = publisher;
        this.ownership = ownership;
        this.health = health;
        Duration first = config.retry().infrastructureBackoff();
        this.outageBackoff = new Backoff(first, first.multipliedBy(8));
        this.config = config;
        this.flow = flow;
        this.limiter = limiter;
        this.metrics = metrics;
        this.pauses = pauses;
        AtomicInteger threads = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(config.workerThreads(), runnable -> {
            Thread thread = new Thread(runnable, "outbound-delivery-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.lanes = new SenderLanes(workers, config.senderWorkers(), metrics);
    }

    /** Lets calls in progress get their answer (a call cut off would leave its command UNKNOWN). */
    @PreDestroy
    void stop() throws InterruptedException {
        workers.shutdown();
        if (!workers.awaitTermination(config.http().readTimeout().toMillis() + 2_000, TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
    }

    /**
     * Completes when the command has a result; exceptionally only when the service stops first. A sender at its limit
     * has its next slot reserved here, in memory, before the command takes a worker: its backlog waits on the timer,
     * not in the workers' queue.
     */
    public CompletableFuture<Void> process(Command command) {
        return process(command, ownership.epoch(command.ownerPartition(ownership)));
    }

    /**
     * As {@link #process(Command)}, under the epoch of the sender's partition the command was read in: once that
     * partition is revoked (it moves to another instance), no further step runs and the future fails with
     * {@link SenderMovedException}.
     */
    public CompletableFuture<Void> process(Command command, long epoch) {
        // Every step runs in the caller's trace, on whichever worker takes it (ADR 0011).
        return process(command, Context.current(), epoch);
    }

    private CompletableFuture<Void> process(Command command, Context trace, long epoch) {
        if (ownership.epoch(command.ownerPartition(ownership)) != epoch) {
            return moved(command);
        }
        String sender = command.event().senderKey();
        if (pauses.isPaused(command.event().channelAccountId())) {
            // The account cannot send until an operator resumes it: wait without a worker, look again shortly.
            return later(PAUSED_RECHECK).thenCompose(ignored -> process(command, trace, epoch));
        }
        Executor lane = trace.wrap(lanes.lane(sender));
        Duration ahead = reserveIfBacklogged(command);
        Executor start = ahead == null ? lane
                : CompletableFuture.delayedExecutor(ahead.toNanos(), TimeUnit.NANOSECONDS, lane);
        return CompletableFuture.supplyAsync(() -> ownedStep(command, epoch), start).thenCompose(wait -> wait == null
                ? CompletableFuture.completedFuture(null)
                : wait == MOVED ? moved(command)
                // The timer thread only reserves and hands the next step to the lane.
                : later(wait).thenCompose(ignored -> process(command, trace, epoch)));
    }

    /** The step, if the sender is still this instance's under {@code epoch}; else {@link #MOVED}. */
    private Duration ownedStep(Command command, long epoch) {
        if (!ownership.enter(command.ownerPartition(ownership), epoch)) {
            return MOVED;
        }
        try {
            return step(command);
        } finally {
            ownership.exit(command.ownerPartition(ownership), epoch);
        }
    }

    /** Left unacknowledged (or parked): the sender's new owner reads it again and resumes from the database. */
    private CompletableFuture<Void> moved(Command command) {
        reservedSlots.remove(command.event().eventId());
        return CompletableFuture.failedFuture(new SenderMovedException(command.event().senderKey()));
    }

    private static CompletableFuture<Void> later(Duration wait) {
        return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(Math.max(0, wait.toMillis()),
                TimeUnit.MILLISECONDS, Runnable::run));
    }

    /** The wait for the sender's next slot when it is backlogged (reserved), else null. */
    private Duration reserveIfBacklogged(Command command) {
        ReplyRequested event = command.event();
        if (reservedSlots.containsKey(event.eventId())) {
            return null;
        }
        OutboundConfig.Account account = config.accounts().get(event.channelAccountId());
        Duration ahead = account == null ? null : limiter.reserveIfBacklogged(event, account);
        if (ahead == null) {
            return null;
        }
        reservedSlots.put(event.eventId(), Next.Reservation.SENDER);
        if (ahead.isZero()) {
            return null;
        }
        metrics.paced(event.channel());
        return ahead;
    }

    /**
     * The consumer policy's rule for a step that threw: an outage (the database, Kafka) is waited out for as long as
     * it lasts, readiness DOWN meanwhile, resuming from the state in the database; a command the step cannot use
     * (poison, or the same unexpected failure {@value #UNEXPECTED_ATTEMPTS} times) is set aside as a dead letter.
     */
    private Duration failed(Command command, RuntimeException failure) {
        String key = command.event().eventId();
        FailureKind kind = Failures.classify(failure);
        if (kind == FailureKind.INFRASTRUCTURE) {
            health.retrying(HEALTH, failure);
            int attempt = outages.merge(key, 1, Integer::sum);
            if (attempt == 1 || attempt % 10 == 0) {
                LOG.warnf("command %s: %s (attempt %d); trying again", key, failure.toString(), attempt);
            }
            // Capped exponential: a long outage costs each waiting command a try every few seconds, no more.
            return outageBackoff.delay(attempt);
        }
        if (kind == FailureKind.UNEXPECTED && unexpected.merge(key, 1, Integer::sum) < UNEXPECTED_ATTEMPTS) {
            LOG.errorf(failure, "command %s failed unexpectedly; trying again", key);
            return config.retry().infrastructureBackoff();
        }
        try {
            publisher.deadLetterAndWait(command, failure);
            unexpected.remove(key);
            outages.remove(key);
            return null;
        } catch (RuntimeException letterFailure) {
            health.retrying(HEALTH, letterFailure);
            LOG.warnf("command %s: dead letter not written (%s); trying again", key, letterFailure.toString());
            return config.retry().infrastructureBackoff();
        }
    }

    /** One step: null when the command is done, else how long to wait before the next step. */
    Duration step(Command command) {
        String key = command.event().eventId();
        // Every log line of the step names its conversation (never its key: it may hold a phone number).
        try (LogContext log = LogContext.conversation(command.event().conversationKey())) {
            // Taken off at every step: a reservation serves only the step right after its wait.
            Next.Reservation held = reservedSlots.remove(key);
            Next next = flow.step(command, held == null ? Next.Reservation.NONE : held);
            health.recovered(HEALTH);
            unexpected.remove(key);
            outages.remove(key);
            if (next.reservation() != Next.Reservation.NONE) {
                reservedSlots.put(key, next.reservation());
            }
            return next.delay();
        } catch (RuntimeException e) {
            return failed(command, e);
        }
    }
}
