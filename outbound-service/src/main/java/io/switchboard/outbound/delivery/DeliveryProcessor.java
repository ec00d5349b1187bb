package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.opentelemetry.context.Context;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationRef;
import io.switchboard.events.DeliveryAccepted;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.EventType;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.account.AccountPauses;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.Handling;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.channel.custom.CustomSourceSender;
import io.switchboard.outbound.channel.messenger.MessengerSender;
import io.switchboard.outbound.channel.whatsapp.WhatsAppSender;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.ratelimit.SendRateLimiter;
import io.switchboard.outbound.window.MessagingWindow;
import io.switchboard.outbound.window.WindowStore;

/**
 * Takes one command from arrival to a result. Each step is one decision that the database arbitrates:
 * <ol>
 * <li>a command that already has a row is never sent again: a finished one has its stored result published again;
 * one left {@code PENDING} by a crash becomes {@code UNKNOWN} (it may have been sent; a person checks);</li>
 * <li>refusals before any call (unknown account, content the channel cannot carry, a closed window) are recorded
 * with a conditional insert and published;</li>
 * <li>the rate limiter is asked; if it says wait, the command is scheduled again, holding no thread;</li>
 * <li>the conditional insert (or {@code RETRYING → PENDING}) claims the call; the answer finishes it.</li>
 * </ol>
 * Waits (pacing, back-off) are scheduled continuations, so other conversations keep flowing.
 */
@ApplicationScoped
public class DeliveryProcessor {

    private static final Logger LOG = Logger.getLogger(DeliveryProcessor.class);
    private static final Duration PAUSED_RECHECK = Duration.ofSeconds(1);

    private final OutboundConfig config;
    private final DeliveryStore store;
    private final WindowStore windows;
    private final MessagingWindow window;
    private final SendRateLimiter limiter;
    private final ResultPublisher publisher;
    private final WhatsAppSender whatsApp;
    private final MessengerSender messenger;
    private final CustomSourceSender customSource;
    private final DeliveryMetrics metrics;
    private final AccountPauses pauses;
    private final ExecutorService workers;
    private final SenderLanes lanes;
    /**
     * Commands whose next step holds a reserved sender slot (see {@link SendRateLimiter#acquire}); the value says
     * whether the pair token is taken too.
     */
    private final Map<String, Boolean> reservedSlots = new ConcurrentHashMap<>();

    public DeliveryProcessor(OutboundConfig config, DeliveryStore store, WindowStore windows, MessagingWindow window,
            SendRateLimiter limiter, ResultPublisher publisher, WhatsAppSender whatsApp, MessengerSender messenger,
            CustomSourceSender customSource, DeliveryMetrics metrics, AccountPauses pauses) {
        this.config = config;
        this.store = store;
        this.windows = windows;
        this.window = window;
        this.limiter = limiter;
        this.publisher = publisher;
        this.whatsApp = whatsApp;
        this.messenger = messenger;
        this.customSource = customSource;
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
        // Every step runs in the caller's trace, on whichever worker takes it (ADR 0011).
        return process(command, Context.current());
    }

    private CompletableFuture<Void> process(Command command, Context trace) {
        if (pauses.isPaused(command.event().channelAccountId())) {
            // The account cannot send until an operator resumes it: wait without a worker, look again shortly.
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(PAUSED_RECHECK.toMillis(),
                    TimeUnit.MILLISECONDS, Runnable::run)).thenCompose(ignored -> process(command, trace));
        }
        Executor lane = trace.wrap(lanes.lane(SendRateLimiter.senderKey(command.event())));
        Duration ahead = reserveIfBacklogged(command);
        Executor start = ahead == null ? lane
                : CompletableFuture.delayedExecutor(ahead.toNanos(), TimeUnit.NANOSECONDS, lane);
        return CompletableFuture.supplyAsync(() -> step(command), start).thenCompose(wait -> {
            if (wait == null) {
                return CompletableFuture.completedFuture(null);
            }
            // The timer thread only reserves and hands the next step to the lane.
            return CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(Math.max(0, wait.toMillis()),
                    TimeUnit.MILLISECONDS, Runnable::run)).thenCompose(ignored -> process(command, trace));
        });
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
        reservedSlots.put(event.eventId(), false);
        if (ahead.isZero()) {
            return null;
        }
        metrics.paced(event.channel());
        return ahead;
    }

    /** One step: null when the command is done, else how long to wait before the next step. */
    Duration step(Command command) {
        // Every log line of the step names its conversation (never its key: it may hold a phone number).
        MDC.put(ConversationRef.MDC_KEY, ConversationRef.of(command.event().conversationKey()));
        try {
            return decide(command);
        } catch (RuntimeException e) {
            // The database or Kafka failed: the state in the database says where to resume.
            LOG.warnf("command %s: %s; trying again", command.event().eventId(), e.toString());
            return config.retry().infrastructureBackoff();
        } finally {
            MDC.remove(ConversationRef.MDC_KEY);
        }
    }

    private Duration decide(Command command) {
        ReplyRequested event = command.event();
        String key = event.eventId();
        // Taken off at every step: a reservation serves only the step right after its wait.
        Boolean held = reservedSlots.remove(key);
        boolean reserved = held != null;
        boolean pairTaken = Boolean.TRUE.equals(held);
        Optional<DeliveryRow> existing = store.find(key);
        int attempts = 0;
        if (existing.isPresent()) {
            DeliveryRow row = existing.get();
            if (row.state().terminal()) {
                republish(command, row);
                return null;
            }
            if (row.state() == DeliveryState.PENDING) {
                return unknownAfterCrash(command, row);
            }
            Instant now = Instant.now();
            if (row.nextAttemptAt() != null && row.nextAttemptAt().isAfter(now)) {
                return Duration.between(now, row.nextAttemptAt());
            }
            attempts = row.attempts();
        }
        OutboundConfig.Account account = config.accounts().get(event.channelAccountId());
        if (account == null || !account.channel().equals(event.channel().wireName())) {
            return refuse(command, existing, FailureCategory.NOT_SUPPORTED, "No configuration for "
                    + event.channel().wireName() + " account " + event.channelAccountId(), false, attempts);
        }
        ChannelSender sender = sender(event.channel());
        String unsupported = sender.unsupported(event);
        if (unsupported != null) {
            return refuse(command, existing, FailureCategory.NOT_SUPPORTED, unsupported, false, attempts);
        }
        Instant now = Instant.now();
        MessagingWindow.Decision decision = window.decide(event, account,
                windows.facts(event.conversationKey()).await().atMost(Duration.ofSeconds(10)), now);
        if (!decision.allowed()) {
            return refuse(command, existing, FailureCategory.WINDOW_CLOSED, decision.refusal(),
                    decision.templateRequired(), attempts);
        }
        if (!reserved) {
            SendRateLimiter.Pacing pacing = limiter.acquire(event, account);
            if (!pacing.now()) {
                metrics.paced(event.channel());
                if (pacing.reserved()) {
                    reservedSlots.put(key, true);
                }
                return pacing.delay();
            }
        } else if (!pairTaken) {
            Duration pair = limiter.pairOnly(event);
            if (!pair.isZero()) {
                metrics.paced(event.channel());
                reservedSlots.put(key, false);
                return pair;
            }
        }
        boolean claimed = existing.isEmpty() ? store.claim(event) : store.reclaim(key);
        if (!claimed) {
            // Another delivery of the same command got there first: look again at what it decided.
            return Duration.ZERO;
        }
        admitRightBeforeTheCall(event, account);
        int attempt = attempts + 1;
        SendOutcome outcome = sender.send(account, event, decision.policy());
        return answered(command, attempt, outcome);
    }

    /**
     * The sliding-second check as close to the call as it gets: after the claim, so a slow claim cannot bunch sends
     * up behind it. A late wait here is short (a command that woke early within the second) and holds one of its own
     * sender's lane slots only.
     */
    private void admitRightBeforeTheCall(ReplyRequested event, OutboundConfig.Account account) {
        for (Duration late = limiter.admit(event, account); !late.isZero(); late = limiter.admit(event, account)) {
            metrics.paced(event.channel());
            LockSupport.parkNanos(late.toNanos());
        }
    }

    private Duration answered(Command command, int attempt, SendOutcome outcome) {
        ReplyRequested event = command.event();
        String key = event.eventId();
        switch (outcome.kind()) {
            case ACCEPTED:
                DeliveryAccepted accepted = new DeliveryAccepted(key + ":accepted", key, event.channel(),
                        event.channelAccountId(), event.conversationKey(), outcome.channelMessageId(), attempt,
                        Instant.now());
                if (store.finish(key, DeliveryState.PENDING, DeliveryState.SENT, outcome.channelMessageId(), accepted)) {
                    metrics.result(event.channel(), "accepted", null);
                    publisher.publishAndWait(accepted);
                }
                return null;
            case UNKNOWN:
                DeliveryFailed unknown = failed(event, FailureCategory.OUTCOME_UNKNOWN, null, null, null,
                        outcome.reason() + ". The channel may have sent it: check the conversation before sending again",
                        false, false, attempt);
                if (store.finish(key, DeliveryState.PENDING, DeliveryState.UNKNOWN, null, unknown)) {
                    metrics.result(event.channel(), "failed", unknown.category().wireName());
                    publisher.publishAndWait(unknown);
                    publisher.deadLetterAndWait(command, unknown);
                }
                return null;
            case NOT_SENT:
                return retryOrGiveUp(command, attempt, outcome,
                        new Classification(Handling.RETRY, FailureCategory.RETRIES_EXHAUSTED, outcome.reason()));
            default:
                return rejected(command, attempt, outcome);
        }
    }

    private Duration rejected(Command command, int attempt, SendOutcome outcome) {
        ReplyRequested event = command.event();
        Classification classification = outcome.classification();
        if (classification.windowClosed()) {
            // The channel's word is final: close the window so the next free-form reply is refused before any call.
            windows.recordClosed(event.conversationKey(), event.channel().wireName(), Instant.now())
                    .await().atMost(Duration.ofSeconds(10));
            DeliveryFailed failure = failed(event, FailureCategory.WINDOW_CLOSED, outcome.code(), outcome.subcode(),
                    outcome.httpStatus(), outcome.reason(), event.channel() == Channel.WHATSAPP, true, attempt);
            if (store.finish(event.eventId(), DeliveryState.PENDING, DeliveryState.FAILED, null, failure)) {
                metrics.result(event.channel(), "failed", failure.category().wireName());
                publisher.publishAndWait(failure);
            }
            return null;
        }
        if (classification.retryable()) {
            return retryOrGiveUp(command, attempt, outcome, classification);
        }
        if (ErrorTable.blocksAccount(event.channel(), outcome.code())) {
            // Every further send would fail the same way: stop the account, its other commands wait.
            pauses.pause(event.channelAccountId(), outcome.code(), outcome.reason());
            return giveUp(command, attempt, outcome, classification.category(), outcome.reason() + ". Account "
                    + event.channelAccountId() + " is paused: its other commands wait until it is resumed (POST "
                    + "/admin/accounts/" + event.channelAccountId() + "/resume)", true);
        }
        return giveUp(command, attempt, outcome, classification.category(), outcome.reason(), true);
    }

    private Duration retryOrGiveUp(Command command, int attempt, SendOutcome outcome, Classification classification) {
        int maxAttempts = classification.handling() == Handling.RETRY_FEW ? config.retry().maxAttemptsUncertain()
                : config.retry().maxAttempts();
        if (attempt >= maxAttempts) {
            return giveUp(command, attempt, outcome, FailureCategory.RETRIES_EXHAUSTED,
                    outcome.reason() + "; gave up after " + attempt + " attempts", false);
        }
        ReplyRequested event = command.event();
        Duration delay = backoff(classification.handling(), attempt);
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(delay) > 0) {
            delay = outcome.retryAfter();
        }
        Instant now = Instant.now();
        Instant next = now.plus(delay);
        if (store.retryAt(event.eventId(), next)) {
            metrics.result(event.channel(), "retrying", null);
            publisher.publishAndWait(new DeliveryRetrying(event.eventId() + ":retrying:" + attempt, event.eventId(),
                    event.channel(), event.channelAccountId(), event.conversationKey(), outcome.code(),
                    outcome.subcode(), outcome.httpStatus(), outcome.reason(), attempt, next, now));
        }
        return delay;
    }

    private Duration giveUp(Command command, int attempt, SendOutcome outcome, FailureCategory category, String reason,
            boolean permanent) {
        ReplyRequested event = command.event();
        DeliveryFailed failure = failed(event, category, outcome.code(), outcome.subcode(), outcome.httpStatus(),
                reason, false, permanent, attempt);
        if (store.finish(event.eventId(), DeliveryState.PENDING, DeliveryState.FAILED, null, failure)) {
            metrics.result(event.channel(), "failed", failure.category().wireName());
            publisher.publishAndWait(failure);
            publisher.deadLetterAndWait(command, failure);
        }
        return null;
    }

    /** Refused before any call of this attempt. */
    private Duration refuse(Command command, Optional<DeliveryRow> existing, FailureCategory category, String reason,
            boolean templateRequired, int attempts) {
        ReplyRequested event = command.event();
        DeliveryFailed failure = failed(event, category, null, null, null, reason, templateRequired, true, attempts);
        boolean recorded = existing.isEmpty() ? store.insertFailed(event, failure)
                : store.reclaim(event.eventId())
                        && store.finish(event.eventId(), DeliveryState.PENDING, DeliveryState.FAILED, null, failure);
        if (!recorded) {
            return Duration.ZERO;
        }
        metrics.result(event.channel(), "failed", category.wireName());
        publisher.publishAndWait(failure);
        if (category != FailureCategory.WINDOW_CLOSED) {
            publisher.deadLetterAndWait(command, failure);
        }
        return null;
    }

    /** Found {@code PENDING}: a call was made (or about to be) when the service stopped. */
    private Duration unknownAfterCrash(Command command, DeliveryRow row) {
        ReplyRequested event = command.event();
        DeliveryFailed failure = failed(event, FailureCategory.OUTCOME_UNKNOWN, null, null, null,
                "The service stopped during the call to the channel; the message may have been sent: check the "
                        + "conversation before sending again", false, false, row.attempts());
        if (store.finish(event.eventId(), DeliveryState.PENDING, DeliveryState.UNKNOWN, null, failure)) {
            metrics.result(event.channel(), "failed", failure.category().wireName());
            publisher.publishAndWait(failure);
            publisher.deadLetterAndWait(command, failure);
            return null;
        }
        return Duration.ZERO;
    }

    /** The stored result of a finished command, published again (same ce_id): the first publish may have been lost. */
    private void republish(Command command, DeliveryRow row) {
        if (row.resultType() == null) {
            return;
        }
        OutboundResultEvent result = (OutboundResultEvent) CloudEventCodec.read(EventType.fromCeType(row.resultType()),
                row.resultJson().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        publisher.publishAndWait(result);
        if (result instanceof DeliveryFailed && ((DeliveryFailed) result).category() != FailureCategory.WINDOW_CLOSED) {
            publisher.deadLetterAndWait(command, (DeliveryFailed) result);
        }
    }

    private Duration backoff(Handling handling, int attempt) {
        OutboundConfig.Retry retry = config.retry();
        Duration base;
        long factor;
        switch (handling) {
            case THROTTLED:
                base = retry.throttledBackoff();
                factor = 1L << Math.min(attempt - 1, 20);
                break;
            case PAIR_THROTTLED:
                // 4^n s: 1 s, 4 s, 16 s, 64 s (docs/channels.md §2.8).
                base = retry.pairBackoff();
                factor = 1L << Math.min(2 * (attempt - 1), 40);
                break;
            default:
                base = retry.initialBackoff();
                factor = 1L << Math.min(attempt - 1, 20);
        }
        long millis = Math.min(retry.maxBackoff().toMillis(), base.toMillis() * factor);
        // ±20 % jitter, so commands that failed together do not retry together.
        long jitter = millis / 5;
        return Duration.ofMillis(Math.max(1, millis + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(-jitter, jitter))));
    }

    private ChannelSender sender(Channel channel) {
        switch (channel) {
            case WHATSAPP:
                return whatsApp;
            case MESSENGER:
            case INSTAGRAM:
                return messenger;
            default:
                return customSource;
        }
    }

    private static DeliveryFailed failed(ReplyRequested event, FailureCategory category, Integer code, Integer subcode,
            Integer httpStatus, String reason, boolean templateRequired, boolean permanent, int attempts) {
        return new DeliveryFailed(event.eventId() + ":failed", event.eventId(), event.channel(),
                event.channelAccountId(), event.conversationKey(), category, code, subcode, httpStatus, reason,
                templateRequired, permanent, attempts, Instant.now());
    }
}
