package io.switchboard.events;

/** Commands to send something through a channel, on {@link Topics#OUTBOUND}. */
public sealed interface OutboundEvent extends ConversationEvent permits ReplyRequested, ThreadControlChangeRequested {
}
