package io.switchboard.events;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who placed a call: the customer ({@code user_initiated}) or the business ({@code business_initiated}). */
public enum CallDirection {
    USER_INITIATED,
    BUSINESS_INITIATED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
