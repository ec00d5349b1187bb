package io.switchboard.routing.conversation;

import java.util.Locale;

/** The {@code state} column of {@code routing.conversations} (its CHECK constraint names the same six). */
public enum ConversationState {
    /** Waiting in its queue for an agent. */
    QUEUED,
    /** Claimed by one routing step: a pending offer holds an agent's capacity (or is being made). */
    OFFERED,
    /** An agent has it. */
    ASSIGNED,
    /** Closed by its agent. */
    RESOLVED,
    /** Closed without an agent. */
    ABANDONED,
    /**
     * Open, but another app controls its Messenger or Instagram thread (Meta's handover protocol): its messages are
     * kept, and it is not offered until the thread is passed to Switchboard or Switchboard takes it.
     */
    STANDBY;

    /** The value stored in the column. */
    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ConversationState of(String column) {
        return valueOf(column.toUpperCase(Locale.ROOT));
    }
}
