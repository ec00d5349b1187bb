package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** Whether an agent can take conversations now. Only {@link #AVAILABLE} agents receive new offers. */
public enum AgentPresence {
    /** Signed in and ready for offers, up to their capacity. */
    AVAILABLE,
    /** Signed in but not taking offers; {@code awayReason} says why (a break, missed offers). */
    AWAY,
    /** Signed out, or heartbeats stopped. */
    OFFLINE,
    /** Finishing the after-work of a resolved conversation until {@code wrapUpUntil}; no new offers. */
    WRAP_UP;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
