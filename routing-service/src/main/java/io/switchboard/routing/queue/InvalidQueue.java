package io.switchboard.routing.queue;

/** A queue definition that cannot be used, with the reason the admin API answers (400) or start-up fails with. */
public class InvalidQueue extends IllegalArgumentException {

    public InvalidQueue(String reason) {
        super(reason);
    }
}
