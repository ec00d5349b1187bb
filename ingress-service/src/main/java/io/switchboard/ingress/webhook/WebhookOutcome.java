package io.switchboard.ingress.webhook;

/** How a webhook was answered; the {@code outcome} tag of the webhook metrics. */
public enum WebhookOutcome {
    /** Kept on the raw topic and acknowledged (200 or 202). */
    ACCEPTED(200),
    /** No signature (401). */
    UNSIGNED(401),
    /** A signature that does not match, or a timestamp outside the allowed window (403 / 401). */
    FORBIDDEN(403),
    /** Not JSON, or not what the protocol allows (400). */
    MALFORMED(400),
    /** No such app or source (404). */
    UNKNOWN_SOURCE(404),
    /** Kafka did not acknowledge in time (503 with Retry-After): the sender retries. */
    UNAVAILABLE(503);

    private final int status;

    WebhookOutcome(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
