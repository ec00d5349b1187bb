package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.messaging.consume.Backoff;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.consume.FailureKind;
import io.switchboard.messaging.consume.Failures;

/**
 * Writes what a channel call decided, through an outage. Once the call is made its answer exists only in memory:
 * a write that fails would send the step back to a {@code PENDING} row, which reads as "the service stopped during
 * the call" and ends {@code UNKNOWN} although the channel answered. So an infrastructure failure here is waited out
 * on the worker (capped backoff, readiness DOWN meanwhile); anything else goes to the step as before.
 */
@ApplicationScoped
public class DurableWrites {

    private static final Logger LOG = Logger.getLogger(DurableWrites.class);
    private static final Backoff BACKOFF = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5));

    private final ConsumerHealth health;

    public DurableWrites(ConsumerHealth health) {
        this.health = health;
    }

    <T> T write(String what, Supplier<T> write) {
        for (int attempt = 1;; attempt++) {
            try {
                T written = write.get();
                if (attempt > 1) {
                    health.recovered(DeliveryProcessor.HEALTH);
                }
                return written;
            } catch (RuntimeException e) {
                if (Failures.classify(e) != FailureKind.INFRASTRUCTURE || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                health.retrying(DeliveryProcessor.HEALTH, e);
                if (attempt == 1 || attempt % 10 == 0) {
                    LOG.warnf("%s not recorded yet (attempt %d): %s; trying again", what, attempt, e.toString());
                }
                try {
                    Thread.sleep(BACKOFF.delay(attempt).toMillis());
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
