package io.switchboard.routing.queue;

import java.time.Duration;

/**
 * How long a conversation may wait in a queue (since it entered it, or last lost its agent) before it leaves: to
 * {@code overflowTo}, where it waits again (keeping its age), or, without one, abandoned ({@code max_wait_exceeded}),
 * the customer told {@code abandonMessage} when there is one.
 */
public record MaxWait(Duration after, String overflowTo, String abandonMessage) {

    /** Whether it overflows rather than being abandoned. */
    public boolean overflows() {
        return overflowTo != null;
    }

    /** What it does, as events and logs say it. */
    public String describe() {
        return overflows() ? "overflowed to queue " + overflowTo : "abandoned";
    }
}
