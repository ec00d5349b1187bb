package io.switchboard.messaging.consume;

/**
 * Thrown by a handler that found the record itself unacceptable (a field out of bounds, an unknown reference the
 * contract forbids): the record goes to the dead-letter topic with this message as its reason.
 */
public class PoisonRecordException extends RuntimeException {

    public PoisonRecordException(String reason) {
        super(reason);
    }

    public PoisonRecordException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
