package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Why an outbound command failed, so an agent's front end can say what to do next. */
public enum FailureCategory {
    /** The messaging window is closed: send a template (WhatsApp) or wait for the customer. */
    WINDOW_CLOSED,
    /** The request itself is wrong (parameters, template, media): fix it before sending again. */
    INVALID_REQUEST,
    /** The customer cannot be reached (not on the channel, blocked, opted out). */
    RECIPIENT_UNREACHABLE,
    /** The channel account needs an operator (token, permissions, payment, restriction). */
    ACCOUNT_PROBLEM,
    /** A transient error outlasted every retry. */
    RETRIES_EXHAUSTED,
    /** The channel may or may not have taken it (a timeout): check before sending again. */
    OUTCOME_UNKNOWN,
    /** No configuration for the channel account, or content this channel cannot carry. */
    NOT_SUPPORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
