package io.switchboard.messaging.logging;

import org.jboss.logging.MDC;

import io.switchboard.events.ConversationRef;

/**
 * The logging context of the work on one conversation: every line logged while it is open names the conversation by
 * its keyed pseudonym ({@link Pseudonyms}), never by its key, which may hold a phone number.
 */
public final class LogContext implements AutoCloseable {

    private static final LogContext NONE = new LogContext();

    private LogContext() {
    }

    /** Names {@code conversationKey}'s reference in the MDC until {@link #close()}; nothing for a null key. */
    public static LogContext conversation(String conversationKey) {
        if (conversationKey == null) {
            MDC.remove(ConversationRef.MDC_KEY);
            return NONE;
        }
        MDC.put(ConversationRef.MDC_KEY, Pseudonyms.conversation(conversationKey));
        return new LogContext();
    }

    @Override
    public void close() {
        MDC.remove(ConversationRef.MDC_KEY);
    }
}
