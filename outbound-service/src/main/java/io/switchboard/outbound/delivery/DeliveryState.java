package io.switchboard.outbound.delivery;

/**
 * Where a command stands. {@code PENDING} is written before the channel call and left only by its answer, so a
 * command found {@code PENDING} after a crash may or may not have been sent: it becomes {@code UNKNOWN}, never sent
 * again blindly (docs/channels.md §9.5). {@code RETRYING} means the last call certainly failed: sending again is safe.
 */
public enum DeliveryState {
    PENDING,
    RETRYING,
    SENT,
    FAILED,
    UNKNOWN;

    public boolean terminal() {
        return this == SENT || this == FAILED || this == UNKNOWN;
    }
}
