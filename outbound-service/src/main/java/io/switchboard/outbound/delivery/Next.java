package io.switchboard.outbound.delivery;

import java.time.Duration;

/**
 * What one step of a delivery decided: the command is done ({@code delay} null), or its next step comes after
 * {@code delay}, holding the sender slot (and perhaps the pair token) the step reserved for it.
 */
record Next(Duration delay, Reservation reservation) {

    /** A rate-limit slot reserved for a command's next step. */
    enum Reservation {
        NONE,
        /** The sender's slot is reserved; the pair bucket is still to be asked. */
        SENDER,
        /** The sender's slot and the pair token are both taken. */
        SENDER_AND_PAIR
    }

    static final Next DONE = new Next(null, Reservation.NONE);

    static Next after(Duration delay) {
        return new Next(delay, Reservation.NONE);
    }

    static Next after(Duration delay, Reservation reservation) {
        return new Next(delay, reservation);
    }

    boolean done() {
        return delay == null;
    }
}
