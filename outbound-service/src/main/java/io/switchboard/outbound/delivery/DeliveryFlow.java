package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.DeliveryFailed;
import io.switchboard.events.DeliveryRetrying;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.account.AccountPauses;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.ChannelSenders;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.Handling;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.config.OutboundConfig;
import io.switchboard.outbound.erasure.ErasedCustomers;
import io.switchboard.outbound.ratelimit.SendRateLimiter;
import io.switchboard.outbound.window.MessagingWindow;
import io.switchboard.outbound.window.WindowCatchUp;
import io.switchboard.outbound.window.WindowStore;

/**
 * A delivery's state machine: one step takes a command from where its row says it is to the next decision, each
 * decision arbitrated by the database.
 * <ol>
 * <li>a command that already has a row is never sent again: a finished one has its stored result published again;
 * one left {@code PENDING} by a crash becomes {@code UNKNOWN} (it may have been sent; a person checks);</li>
 * <li>refusals before any call (unknown account, content the channel cannot carry, a closed window) are recorded
 * with a conditional insert and published;</li>
 * <li>the rate limiter is asked; if it says wait, the step ends with the wait (the {@link DeliveryProcessor}
 * schedules the next one, holding no thread);</li>
 * <li>the conditional insert (or {@code RETRYING → PENDING}) claims the call; the answer concludes it
 * ({@link Conclusions}) or schedules its retry.</li>
 * </ol>
 */
@ApplicationScoped
public class DeliveryFlow {

    private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(10);

    private final OutboundConfig config;
    private final DeliveryStore store;
    private final WindowStore windows;
    private final MessagingWindow window;
    private final WindowCatchUp catchUp;
    private final SendRateLimiter limiter;
    private final ResultPublisher publisher;
    private final ChannelSenders senders;
    private final Conclusions conclusions;
    private final DeliveryMetrics metrics;
    private final AccountPauses pauses;
    private final DurableWrites writes;
    private final ErasedCustomers erased;

    public DeliveryFlow(OutboundConfig config, DeliveryStore store, WindowStore windows, MessagingWindow window,
            WindowCatchUp catchUp, SendRateLimiter limiter, ResultPublisher publisher, ChannelSenders senders,
            Conclusions conclusions, DeliveryMetrics metrics, AccountPauses pauses, DurableWrites writes,
            ErasedCustomers erased) {
        this.writes = writes;
        this.erased = erased;
        this.config = config;
        this.store = store;
        this.windows = windows;
        this.window = window;
        this.catchUp = catchUp;
        this.limiter = limiter;
        this.publisher = publisher;
        this.senders = senders;
        this.conclusions = conclusions;
        this.metrics = metrics;
        this.pauses = pauses;
    }

    /** One step, with the rate-limit slot reserved for it (if any). */
    Next step(Command command, Next.Reservation held) {
        ReplyRequested event = command.event();
        String key = event.eventId();
        Optional<DeliveryRow> existing = store.find(key);
        int attempts = 0;
        if (existing.isEmpty() && erased.erasedSince(event.conversationKey(), event.occurredAt())) {
            // Requested before its customer was erased and read only now (redelivered after a crash, or late):
            // neither sent nor recorded, so nothing of the customer comes back (docs/privacy.md, Erasure).
            metrics.result(event.channel(), "erased", null);
            return Next.DONE;
        }
        if (existing.isPresent()) {
            DeliveryRow row = existing.get();
            if (row.state().terminal()) {
                conclusions.republish(command, row);
                return Next.DONE;
            }
            if (row.state() == DeliveryState.PENDING) {
                return conclusions.unknownAfterCrash(command, row) ? Next.DONE : Next.after(Duration.ZERO);
            }
            Instant now = Instant.now();
            if (row.nextAttemptAt() != null && row.nextAttemptAt().isAfter(now)) {
                return Next.after(Duration.between(now, row.nextAttemptAt()));
            }
            attempts = row.attempts();
        }
        OutboundConfig.Account account = config.accounts().get(event.channelAccountId());
        if (account == null || !account.channel().equals(event.channel().wireName())) {
            return refuse(command, existing, FailureCategory.NOT_SUPPORTED, "No configuration for "
                    + event.channel().wireName() + " account " + event.channelAccountId(), false, attempts);
        }
        ChannelSender sender = senders.of(event.channel());
        String unsupported = sender.unsupported(event);
        if (unsupported != null) {
            return refuse(command, existing, FailureCategory.NOT_SUPPORTED, unsupported, false, attempts);
        }
        MessagingWindow.Decision decision = windowDecision(event, account);
        if (!decision.allowed()) {
            return refuse(command, existing, FailureCategory.WINDOW_CLOSED, decision.refusal(),
                    decision.templateRequired(), attempts);
        }
        Next paced = pace(event, account, held);
        if (paced != null) {
            return paced;
        }
        boolean claimed = existing.isEmpty() ? store.claim(event) : store.reclaim(key);
        if (!claimed) {
            // Another delivery of the same command got there first: look again at what it decided.
            return Next.after(Duration.ZERO);
        }
        admitRightBeforeTheCall(event, account);
        int attempt = attempts + 1;
        return answered(command, attempt, sender.send(account, event, decision.policy()));
    }

    /**
     * The window's answer, independent of which consumer ran first: a refusal stands only once the window feed's
     * unapplied events of the conversation have been applied ({@link WindowCatchUp}).
     */
    private MessagingWindow.Decision windowDecision(ReplyRequested event, OutboundConfig.Account account) {
        MessagingWindow.Decision decision = window.decide(event, account,
                windows.facts(event.conversationKey()).await().atMost(DATABASE_TIMEOUT), Instant.now());
        if (decision.allowed() || catchUp.catchUp(event.conversationKey()) == 0) {
            return decision;
        }
        return window.decide(event, account, windows.facts(event.conversationKey()).await().atMost(DATABASE_TIMEOUT),
                Instant.now());
    }

    /** Null when the command may be sent now, else the wait (with the slot it reserved). */
    private Next pace(ReplyRequested event, OutboundConfig.Account account, Next.Reservation held) {
        if (held == Next.Reservation.NONE) {
            SendRateLimiter.Pacing pacing = limiter.acquire(event, account);
            if (pacing.now()) {
                return null;
            }
            metrics.paced(event.channel());
            return Next.after(pacing.delay(),
                    pacing.reserved() ? Next.Reservation.SENDER_AND_PAIR : Next.Reservation.NONE);
        }
        if (held == Next.Reservation.SENDER) {
            Duration pair = limiter.pairOnly(event);
            if (!pair.isZero()) {
                metrics.paced(event.channel());
                return Next.after(pair, Next.Reservation.SENDER);
            }
        }
        return null;
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

    private Next answered(Command command, int attempt, SendOutcome outcome) {
        switch (outcome.kind()) {
            case ACCEPTED:
                conclusions.accepted(command, attempt, outcome.channelMessageId());
                return Next.DONE;
            case UNKNOWN:
                conclusions.unknown(command, attempt, outcome.reason()
                        + ". The channel may have sent it: check the conversation before sending again");
                return Next.DONE;
            case NOT_SENT:
                return retryOrGiveUp(command, attempt, outcome,
                        new Classification(Handling.RETRY, FailureCategory.RETRIES_EXHAUSTED, outcome.reason()));
            default:
                return rejected(command, attempt, outcome);
        }
    }

    private Next rejected(Command command, int attempt, SendOutcome outcome) {
        ReplyRequested event = command.event();
        Classification classification = outcome.classification();
        if (classification.windowClosed()) {
            // The channel's word is final: close the window so the next free-form reply is refused before any call.
            writes.write("the closed window of " + event.eventId(), () -> windows.recordClosed(
                    event.conversationKey(), event.channel().wireName(), Instant.now()).await().atMost(DATABASE_TIMEOUT));
            conclusions.failed(command, Conclusions.failure(event, FailureCategory.WINDOW_CLOSED, outcome.code(),
                    outcome.subcode(), outcome.httpStatus(), outcome.reason(), event.channel() == Channel.WHATSAPP,
                    true, attempt));
            return Next.DONE;
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

    private Next retryOrGiveUp(Command command, int attempt, SendOutcome outcome, Classification classification) {
        int maxAttempts = classification.handling() == Handling.RETRY_FEW ? config.retry().maxAttemptsUncertain()
                : config.retry().maxAttempts();
        if (attempt >= maxAttempts) {
            return giveUp(command, attempt, outcome, FailureCategory.RETRIES_EXHAUSTED,
                    outcome.reason() + "; gave up after " + attempt + " attempts", false);
        }
        ReplyRequested event = command.event();
        Duration delay = backoff(classification.handling(), attempt);
        if (outcome.retryAfter() != null && outcome.retryAfter().compareTo(delay) > 0) {
            // Honoured, but capped: a channel (or whoever answers for a custom source) cannot park a reply for days.
            Duration cap = config.retry().maxRetryAfter();
            delay = outcome.retryAfter().compareTo(cap) > 0 ? (cap.compareTo(delay) > 0 ? cap : delay)
                    : outcome.retryAfter();
        }
        Instant now = Instant.now();
        Instant next = now.plus(delay);
        if (writes.write("the retry of " + event.eventId(), () -> store.retryAt(event.eventId(), next))) {
            metrics.result(event.channel(), "retrying", null);
            publisher.publishAndWait(new DeliveryRetrying(event.eventId() + ":retrying:" + attempt, event.eventId(),
                    event.channel(), event.channelAccountId(), event.conversationKey(), outcome.code(),
                    outcome.subcode(), outcome.httpStatus(), outcome.reason(), attempt, next, now));
        }
        return Next.after(delay);
    }

    private Next giveUp(Command command, int attempt, SendOutcome outcome, FailureCategory category, String reason,
            boolean permanent) {
        conclusions.failed(command, Conclusions.failure(command.event(), category, outcome.code(), outcome.subcode(),
                outcome.httpStatus(), reason, false, permanent, attempt));
        return Next.DONE;
    }

    /** Refused before any call of this attempt. */
    private Next refuse(Command command, Optional<DeliveryRow> existing, FailureCategory category, String reason,
            boolean templateRequired, int attempts) {
        DeliveryFailed failure = Conclusions.failure(command.event(), category, null, null, null, reason,
                templateRequired, true, attempts);
        return conclusions.refused(command, existing.isPresent(), failure) ? Next.DONE : Next.after(Duration.ZERO);
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
        return Duration.ofMillis(Math.max(1, millis + (jitter == 0 ? 0
                : ThreadLocalRandom.current().nextLong(-jitter, jitter))));
    }
}
