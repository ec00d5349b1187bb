package io.switchboard.ingress.whatsapp;

/** One item cannot become an event; caught per item, so the rest of the batch still normalizes. */
final class Malformed extends RuntimeException {

    private static final long serialVersionUID = 1L;

    Malformed(String reason) {
        super(reason, null, false, false);
    }
}
