package io.switchboard.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import io.switchboard.messaging.consume.Backoff;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(10));

    @Test
    void growsExponentiallyWithJitterUpToTheCap() {
        for (int i = 0; i < 100; i++) {
            assertThat(backoff.delay(1).toMillis()).isBetween(50L, 100L);
            assertThat(backoff.delay(4).toMillis()).isBetween(400L, 800L);
            assertThat(backoff.delay(8).toMillis()).isBetween(5_000L, 10_000L);
            // Hours of outage: never more than the cap, never an overflow.
            assertThat(backoff.delay(10_000).toMillis()).isBetween(5_000L, 10_000L);
        }
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
