package io.switchboard.routing.queue;

import java.util.List;

/**
 * A queue definition that cannot be used, with the reason the admin API answers (400) or start-up fails with, and
 * one entry per broken bound ({@link QueueBounds}), if any.
 */
public class InvalidQueue extends IllegalArgumentException {

    private final List<String> violations;

    public InvalidQueue(String reason) {
        this(reason, List.of());
    }

    public InvalidQueue(String reason, List<String> violations) {
        super(reason);
        this.violations = List.copyOf(violations);
    }

    public List<String> violations() {
        return violations;
    }
}
