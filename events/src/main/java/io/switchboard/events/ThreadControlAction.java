package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a {@link ThreadControlChangeRequested} asks Meta to do with a thread. */
public enum ThreadControlAction {
    /** Take the thread from the app that controls it ({@code take_thread_control}). */
    TAKE,
    /** Pass the thread Switchboard controls to another app ({@code pass_thread_control}). */
    PASS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
