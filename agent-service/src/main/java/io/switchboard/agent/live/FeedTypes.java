package io.switchboard.agent.live;

/** The {@code type} of the items of an agent's feed (the frames of the socket). */
public final class FeedTypes {

    public static final String OFFER_MADE = "offer.made";
    public static final String OFFER_EXPIRED = "offer.expired";
    public static final String OFFER_DECLINED = "offer.declined";
    public static final String CONVERSATION_ASSIGNED = "conversation.assigned";
    public static final String CONVERSATION_TRANSFERRED = "conversation.transferred";
    public static final String CONVERSATION_RESOLVED = "conversation.resolved";
    public static final String CONVERSATION_ABANDONED = "conversation.abandoned";
    /** The customer's identity changed: the conversation continues under {@code conversationKey}. */
    public static final String CONVERSATION_REKEYED = "conversation.rekeyed";
    public static final String ACTION_REJECTED = "action.rejected";
    public static final String MESSAGE_RECEIVED = "message.received";
    /** The customer reacted to a message (or took the reaction back): a transcript entry of kind reaction. */
    public static final String MESSAGE_REACTED = "message.reacted";
    /** The customer edited a message: an entry of kind edit; the original is marked {@code editedAt}. */
    public static final String MESSAGE_EDITED = "message.edited";
    /** The customer deleted (unsent) a message: an entry of kind revoke; the original is marked {@code revokedAt}. */
    public static final String MESSAGE_REVOKED = "message.revoked";
    /** The customer is calling: an entry of kind call without outcome. */
    public static final String CALL_RECEIVED = "call.received";
    /** A call ended (completed, missed, rejected, failed): an entry of kind call with its outcome and duration. */
    public static final String CALL_ENDED = "call.ended";
    /** The customer answered a call permission request: an entry of kind call_permission. */
    public static final String CALL_PERMISSION_ANSWERED = "call.permission-answered";
    public static final String REPLY_REQUESTED = "reply.requested";
    public static final String DELIVERY_UPDATED = "delivery.updated";
    /**
     * Meta's handover protocol: the Messenger or Instagram thread was passed, taken, or asked for by another app;
     * the conversation's {@code threadOwner} says who controls it now.
     */
    public static final String THREAD_CONTROL_CHANGED = "thread-control.changed";

    private FeedTypes() {
    }
}
