package io.switchboard.events;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * How a call ended (docs/channels.md §2.11): {@code completed} (answered, then hung up), {@code missed} (never
 * answered), {@code rejected} (the customer declined a business-initiated call), {@code failed} (the channel reported
 * an error).
 */
public enum CallOutcome {
    COMPLETED,
    MISSED,
    REJECTED,
    FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
