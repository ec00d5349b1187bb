package io.switchboard.routing.store;

/** A row changed under a transaction in a way its statements could not express; the transaction runs again. */
public class ConcurrentChange extends RuntimeException {

    public ConcurrentChange(String message) {
        super(message, null, false, false);
    }
}
