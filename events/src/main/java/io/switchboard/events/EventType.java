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
    DELIVERY_STATUS_CHANGED("switchboard.delivery.status-changed", DeliveryStatusChanged.class, Topics.STATUS),
    CHANNEL_ERROR_REPORTED("switchboard.channel.error-reported", ChannelErrorReported.class, Topics.STATUS),
    REPLY_REQUESTED("switchboard.reply.requested", ReplyRequested.class, Topics.OUTBOUND),
    DELIVERY_ACCEPTED("switchboard.delivery.accepted", DeliveryAccepted.class, Topics.OUTBOUND_RESULTS),
    DELIVERY_FAILED("switchboard.delivery.failed", DeliveryFailed.class, Topics.OUTBOUND_RESULTS),
    DELIVERY_RETRYING("switchboard.delivery.retrying", DeliveryRetrying.class, Topics.OUTBOUND_RESULTS),
    DELIVERY_PROGRESSED("switchboard.delivery.progressed", DeliveryProgressed.class, Topics.OUTBOUND_RESULTS);

    private final String ceType;
    private final Class<? extends ConversationEvent> recordType;
    private final String topic;

    EventType(String ceType, Class<? extends ConversationEvent> recordType, String topic) {
        this.ceType = ceType;
        this.recordType = recordType;
        this.topic = topic;
    }

    public String ceType() {
        return ceType;
    }

    public Class<? extends ConversationEvent> recordType() {
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
