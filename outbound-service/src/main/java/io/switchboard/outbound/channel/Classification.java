package io.switchboard.outbound.channel;

import io.switchboard.events.FailureCategory;

/**
 * How one channel error is handled and what it means for the agent.
 *
 * @param reason a sentence for a person, used when the channel's own message is missing
 */
public record Classification(Handling handling, FailureCategory category, String reason) {

    public boolean retryable() {
        return handling != Handling.PERMANENT;
    }

    public boolean windowClosed() {
        return category == FailureCategory.WINDOW_CLOSED;
    }
}
