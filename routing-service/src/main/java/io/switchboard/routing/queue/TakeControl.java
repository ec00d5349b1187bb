package io.switchboard.routing.queue;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * When routing takes control of a Messenger or Instagram thread another app controls (Meta's handover protocol,
 * docs/channels.md §3.8) for a conversation in this queue.
 */
public enum TakeControl {
    /** Never: the conversation waits until the other app passes the thread. */
    NEVER,
    /** When a customer message contains one of the human phrases (case-insensitive). */
    ON_HUMAN_REQUEST,
    /** At the first customer message. */
    ALWAYS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static TakeControl of(String wireName) {
        return wireName == null ? null : valueOf(wireName.trim().toUpperCase(Locale.ROOT));
    }
}
