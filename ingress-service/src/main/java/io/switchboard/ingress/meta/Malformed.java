package io.switchboard.ingress.meta;

/** An item this normalizer cannot read; becomes a rejection of that item only. Cheap: no stack trace. */
final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed(String message) {
        super(message, null, false, false);
    }
}
