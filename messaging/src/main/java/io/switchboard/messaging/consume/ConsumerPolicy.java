package io.switchboard.messaging.consume;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.switchboard.messaging.deadletter.DeadLetters;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one failure policy of every consumer (ADR 0013). A handler's failure is sorted by {@link Failures}:
 * <ul>
 * <li>infrastructure (database or broker unreachable, timeouts, serialization conflicts): retried with capped
 * exponential backoff for as long as it lasts, the offset not committed, readiness DOWN meanwhile
 * ({@link ConsumerHealth}), liveness untouched;</li>
 * <li>poison (unreadable, invalid, refused as data): the record goes to the dead-letter topic with the reason, and
 * the consumer moves on;</li>
 * <li>unexpected: retried {@code switchboard.messaging.unexpected-attempts} times, then set aside as poison, so a
 * bug met by one record cannot stop its partition.</li>
 * </ul>
 * The handler must be idempotent (inbox, conditional statements): a retry may follow a failure after the commit.
 * The channels using this policy set {@code throttled.unprocessed-record-max-age.ms=0}: a record retried through a
 * long outage must not turn the connector's own health DOWN for good.
 */
@ApplicationScoped
public class ConsumerPolicy {

    private static final Logger LOG = Logger.getLogger(ConsumerPolicy.class);

    private final DeadLetters deadLetters;
    private final ConsumerHealth health;
    private final Backoff backoff;
    private final int unexpectedAttempts;

    public ConsumerPolicy(DeadLetters deadLetters, ConsumerHealth health,
            @ConfigProperty(name = "switchboard.messaging.retry.initial", defaultValue = "PT0.1S") Duration initial,
            @ConfigProperty(name = "switchboard.messaging.retry.max", defaultValue = "PT10S") Duration max,
            @ConfigProperty(name = "switchboard.messaging.unexpected-attempts", defaultValue = "5") int attempts) {
        this.deadLetters = deadLetters;
        this.health = health;
        this.backoff = new Backoff(initial, max);
        this.unexpectedAttempts = attempts;
    }

    /** Runs a blocking handler (on a worker thread) under the policy; returns once the record is done with. */
    public void handleBlocking(String channel, ConsumerRecord<String, byte[]> record, Runnable handler) {
        for (int attempt = 1;; attempt++) {
            try {
                handler.run();
                health.recovered(channel);
                return;
            } catch (RuntimeException failure) {
                if (!retry(channel, record, failure, attempt)) {
                    setAside(channel, record, failure);
                    return;
                }
                sleep(backoff.delay(attempt));
            }
        }
    }

    /**
     * Runs a reactive handler under the policy. Retries resume on the caller's Vert.x context, which Hibernate
     * Reactive and the connector's ordering need.
     */
    public Uni<Void> handleReactive(String channel, ConsumerRecord<String, byte[]> record,
            Supplier<Uni<Void>> handler) {
        return attempt(channel, record, handler, Vertx.currentContext(), 1);
    }

    private Uni<Void> attempt(String channel, ConsumerRecord<String, byte[]> record, Supplier<Uni<Void>> handler,
            Context context, int attempt) {
        return Uni.createFrom().<Void>deferred(() -> handler.get())
                .onItem().invoke(() -> health.recovered(channel))
                .onFailure().recoverWithUni(failure -> {
                    if (!retry(channel, record, failure, attempt)) {
                        // Blocking: the letter must be durable before the offset is committed.
                        return Uni.createFrom().item(() -> {
                            setAside(channel, record, failure);
                            return (Void) null;
                        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()).emitOn(on(context));
                    }
                    return later(attempt).emitOn(on(context))
                            .chain(() -> attempt(channel, record, handler, context, attempt + 1));
                });
    }

    /** Whether to try again after {@code failure}; records the outage in readiness when it is the infrastructure's. */
    private boolean retry(String channel, ConsumerRecord<String, byte[]> record, Throwable failure, int attempt) {
        FailureKind kind = Failures.classify(failure);
        switch (kind) {
            case INFRASTRUCTURE -> {
                health.retrying(channel, failure);
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warnf("%s: %s-%d@%d failed (attempt %d), retrying: %s", channel, record.topic(),
                            record.partition(), record.offset(), attempt, failure.toString());
                }
                return true;
            }
            case UNEXPECTED -> {
                LOG.errorf(failure, "%s: %s-%d@%d failed unexpectedly (attempt %d of %d)", channel, record.topic(),
                        record.partition(), record.offset(), attempt, unexpectedAttempts);
                return attempt < unexpectedAttempts;
            }
            case POISON -> {
                return false;
            }
        }
        throw new AssertionError(kind);
    }

    /** Sets the record aside; a broker that does not take the letter is retried here, like any outage. */
    private void setAside(String channel, ConsumerRecord<String, byte[]> record, Throwable failure) {
        for (int attempt = 1;; attempt++) {
            try {
                deadLetters.record(record, failure);
                health.recovered(channel);
                return;
            } catch (RuntimeException letterFailure) {
                health.retrying(channel, letterFailure);
                LOG.warnf("%s: dead letter for %s-%d@%d not written (attempt %d), retrying: %s", channel,
                        record.topic(), record.partition(), record.offset(), attempt, letterFailure.toString());
                sleep(backoff.delay(attempt));
            }
        }
    }

    private Uni<Void> later(int attempt) {
        return Uni.createFrom().voidItem().onItem().delayIt().by(backoff.delay(attempt));
    }

    private static Executor on(Context context) {
        return context == null ? Runnable::run : command -> context.runOnContext(ignored -> command.run());
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
