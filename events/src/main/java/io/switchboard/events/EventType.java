package io.switchboard.events;

/** Every CloudEvent type Switchboard emits: the {@code ce_type}, the record and the topic it travels on. */
public enum EventType {
    MESSAGE_RECEIVED("switchboard.message.received", MessageReceived.class, Topics.INBOUND),
    MESSAGE_ECHOED("switchboard.message.echoed", MessageEchoed.class, Topics.INBOUND),
    MESSAGE_REACTED("switchboard.message.reacted", MessageReacted.class, Topics.INBOUND),
    MESSAGE_EDITED("switchboard.message.edited", MessageEdited.class, Topics.INBOUND),
    MESSAGE_REVOKED("switchboard.message.revoked", MessageRevoked.class, Topics.INBOUND),
    CONTACT_IDENTITY_CHANGED("switchboard.contact.identity-changed", ContactIdentityChanged.class, Topics.INBOUND),
    TYPING_INDICATED("switchboard.conversation.typing-indicated", TypingIndicated.class, Topics.INBOUND),
    THREAD_CONTROL_PASSED("switchboard.thread-control.passed", ThreadControlPassed.class, Topics.INBOUND),
    THREAD_CONTROL_TAKEN("switchboard.thread-control.taken", ThreadControlTaken.class, Topics.INBOUND),
    THREAD_CONTROL_REQUESTED("switchboard.thread-control.requested", ThreadControlRequested.class, Topics.INBOUND),
    CALL_RECEIVED("switchboard.call.received", CallReceived.class, Topics.INBOUND),
    CALL_ENDED("switchboard.call.ended", CallEnded.class, Topics.INBOUND),
    CALL_PERMISSION_ANSWERED("switchboard.call.permission-answered", CallPermissionAnswered.class, Topics.INBOUND),
    DELIVERY_STATUS_CHANGED("switchboard.delivery.status-changed", DeliveryStatusChanged.class, Topics.STATUS),
    CHANNEL_ERROR_REPORTED("switchboard.channel.error-reported", ChannelErrorReported.class, Topics.STATUS),
    REPLY_REQUESTED("switchboard.reply.requested", ReplyRequested.class, Topics.OUTBOUND),
    THREAD_CONTROL_CHANGE_REQUESTED("switchboard.thread-control.change-requested",
            ThreadControlChangeRequested.class, Topics.OUTBOUND),
    DELIVERY_ACCEPTED("switchboard.delivery.accepted", DeliveryAccepted.class, Topics.OUTBOUND_RESULTS),
    DELIVERY_FAILED("switchboard.delivery.failed", DeliveryFailed.class, Topics.OUTBOUND_RESULTS),
    DELIVERY_RETRYING("switchboard.delivery.retrying", DeliveryRetrying.class, Topics.OUTBOUND_RESULTS),
    DELIVERY_PROGRESSED("switchboard.delivery.progressed", DeliveryProgressed.class, Topics.OUTBOUND_RESULTS),
    AGENT_STATE_CHANGED("switchboard.agent.state-changed", AgentStateChanged.class, Topics.AGENTS),
    OFFER_ACCEPTED("switchboard.agent.offer-accepted", OfferAccepted.class, Topics.AGENT_ACTIONS),
    OFFER_DECLINED("switchboard.agent.offer-declined", OfferDeclined.class, Topics.AGENT_ACTIONS),
    TRANSFER_REQUESTED("switchboard.agent.transfer-requested", TransferRequested.class, Topics.AGENT_ACTIONS),
    RESOLUTION_REQUESTED("switchboard.agent.resolution-requested", ResolutionRequested.class, Topics.AGENT_ACTIONS),
    ASSIGNMENT_REQUESTED("switchboard.agent.assignment-requested", AssignmentRequested.class, Topics.AGENT_ACTIONS),
    CONVERSATION_QUEUED("switchboard.conversation.queued", ConversationQueued.class, Topics.ROUTING),
    CONVERSATION_OFFERED("switchboard.conversation.offered", ConversationOffered.class, Topics.ROUTING),
    CONVERSATION_OFFER_DECLINED("switchboard.conversation.offer-declined", ConversationOfferDeclined.class,
            Topics.ROUTING),
    CONVERSATION_OFFER_EXPIRED("switchboard.conversation.offer-expired", ConversationOfferExpired.class,
            Topics.ROUTING),
    CONVERSATION_ASSIGNED("switchboard.conversation.assigned", ConversationAssigned.class, Topics.ROUTING),
    CONVERSATION_ESCALATED("switchboard.conversation.escalated", ConversationEscalated.class, Topics.ROUTING),
    CONVERSATION_TRANSFERRED("switchboard.conversation.transferred", ConversationTransferred.class, Topics.ROUTING),
    CONVERSATION_RESOLVED("switchboard.conversation.resolved", ConversationResolved.class, Topics.ROUTING),
    CONVERSATION_ABANDONED("switchboard.conversation.abandoned", ConversationAbandoned.class, Topics.ROUTING),
    MESSAGE_ROUTED("switchboard.message.routed", MessageRouted.class, Topics.ROUTING),
    THREAD_CONTROL_REPORTED("switchboard.conversation.thread-control-reported", ThreadControlReported.class,
            Topics.ROUTING),
    AGENT_ACTION_REJECTED("switchboard.agent-action.rejected", AgentActionRejected.class, Topics.ROUTING),
    QUEUE_STATS_CHANGED("switchboard.queue.stats-changed", QueueStatsChanged.class, Topics.QUEUE_STATS),
    ERASURE_REQUESTED("switchboard.erasure.requested", ErasureRequested.class, Topics.ERASURES),
    ERASURE_COMPLETED("switchboard.erasure.completed", ErasureCompleted.class, Topics.ERASURE_RESULTS);

    private final String ceType;
    private final Class<? extends SwitchboardEvent> recordType;
    private final String topic;

    EventType(String ceType, Class<? extends SwitchboardEvent> recordType, String topic) {
        this.ceType = ceType;
        this.recordType = recordType;
        this.topic = topic;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends SwitchboardEvent> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    public static EventType fromCeType(String ceType) {
        for (EventType type : values()) {
            if (type.ceType.equals(ceType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("unknown CloudEvent type: " + ceType);
    }
}
