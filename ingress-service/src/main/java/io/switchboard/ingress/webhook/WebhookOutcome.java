package io.switchboard.ingress.webhook;

/**
 * How a webhook was answered; the {@code outcome} tag of the webhook metrics, and the {@code error} code of a
 * refusal's {@link io.switchboard.messaging.http.ErrorBody} unless the refusal names a more precise one.
 */
public enum WebhookOutcome {
    /** Kept on the raw topic and acknowledged (200 or 202). */
    ACCEPTED(200, null),
    /** No signature (401). */
    UNSIGNED(401, "missing_signature"),
    /** A signature that does not match, or a timestamp outside the allowed window (403 / 401). */
    FORBIDDEN(403, "invalid_signature"),
    /** Not JSON, or not what the protocol allows (400). */
    MALFORMED(400, "malformed_request"),
    /** A string longer than the contract allows or holding NUL (400, messaging's InputBounds). */
    OUT_OF_BOUNDS(400, "input_out_of_bounds"),
    /** A repeat of an accepted custom source request, answered as the first time and not stored again (202). */
    REPLAYED(202, null),
    /** The body is larger than the protocol allows (413). */
    TOO_LARGE(413, "payload_too_large"),
    /** An {@code Idempotency-Key} used before with another body, or still in use by a request in flight (409). */
    CONFLICT(409, "idempotency_key_reused"),
    /** Over the source's request rate (429 with Retry-After). */
    RATE_LIMITED(429, "rate_limited"),
    /** No such app or source (404). */
    UNKNOWN_SOURCE(404, "not_found"),
    /** Kafka did not acknowledge in time (503 with Retry-After): the sender retries. */
    UNAVAILABLE(503, "unavailable");

    private final int status;
    private final String code;

    WebhookOutcome(int status, String code) {
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String tag() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
