package io.switchboard.events;

/**
 * What became of an outbound command, on {@link Topics#OUTBOUND_RESULTS}, keyed by conversation key. Every result
 * names the command by its {@code idempotencyKey} (the command's event id). Event ids are derived from it and the
 * outcome, so a result published twice is recognised as the same event.
 */
public sealed interface OutboundResultEvent extends ConversationEvent
        permits DeliveryAccepted, DeliveryFailed, DeliveryRetrying, DeliveryProgressed {

    /** The event id of the {@link ReplyRequested} this result is about. */
    String idempotencyKey();
}
