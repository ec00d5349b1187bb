package io.switchboard.routing.queue;

import java.time.Duration;
import java.util.Set;

/**
 * The bounds of a queue's timers (maximum wait, inactivity, service level), checked with the rest of the definition:
 * long enough that a sweep interval is not the whole of it, short enough to be a mistake when exceeded.
 */
final class QueueTimers {

    static final Duration MAX_WAIT_LIMIT = Duration.ofDays(7);
    static final Duration INACTIVITY_LIMIT = Duration.ofDays(30);
    static final Duration SERVICE_LEVEL_LIMIT = Duration.ofDays(1);
    static final int ABANDON_MESSAGE_LIMIT = 4096;

    private QueueTimers() {
    }

    static void validate(QueueDefinition queue, Set<String> knownQueues) {
        MaxWait maxWait = queue.maxWait();
        if (maxWait != null) {
            within("maxWait.after", maxWait.after(), MAX_WAIT_LIMIT);
            if (maxWait.overflows() && (maxWait.overflowTo().equals(queue.id())
                    || !knownQueues.contains(maxWait.overflowTo()))) {
                throw new InvalidQueue("maxWait.overflowTo names unknown queue " + maxWait.overflowTo());
            }
            if (maxWait.overflows() && maxWait.abandonMessage() != null) {
                throw new InvalidQueue("maxWait.abandonMessage needs no overflowTo: an overflowing conversation is"
                        + " not abandoned");
            }
            String message = maxWait.abandonMessage();
            if (message != null && (message.isBlank() || message.codePointCount(0, message.length())
                    > ABANDON_MESSAGE_LIMIT || message.indexOf('\u0000') >= 0)) {
                throw new InvalidQueue("maxWait.abandonMessage must be 1 to " + ABANDON_MESSAGE_LIMIT
                        + " characters without NUL");
            }
        }
        if (queue.inactivityTimeout() != null) {
            within("inactivityTimeout", queue.inactivityTimeout(), INACTIVITY_LIMIT);
        }
        if (queue.serviceLevelTarget() != null) {
            within("serviceLevelTarget", queue.serviceLevelTarget(), SERVICE_LEVEL_LIMIT);
        }
    }

    private static void within(String field, Duration value, Duration limit) {
        if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(limit) > 0) {
            throw new InvalidQueue(field + " must be from PT1S to " + limit + ", was " + value);
        }
    }
}
