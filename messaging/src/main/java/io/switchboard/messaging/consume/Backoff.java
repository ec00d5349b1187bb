package io.switchboard.messaging.consume;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with jitter: {@code initial × 2^(attempt-1)}, at most {@code max}, each delay drawn
 * between half and all of it so replicas retrying the same outage do not hit the database in step.
 */
public record Backoff(Duration initial, Duration max) {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** The delay before attempt {@code attempt + 1}, after {@code attempt} failures (1-based). */
    public Duration delay(int attempt) {
        long cap = max.toMillis();
        long exponential = initial.toMillis() << Math.min(Math.max(attempt - 1, 0), 30);
        long full = exponential <= 0 || exponential > cap ? cap : exponential;
        return Duration.ofMillis(full / 2 + ThreadLocalRandom.current().nextLong(full / 2 + 1));
    }
}
