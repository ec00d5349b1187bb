package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** An event about one conversation, keyed by its conversation key so the conversation's events stay in order. */
public sealed interface ConversationEvent extends SwitchboardEvent
        permits InboundEvent, StatusEvent, OutboundEvent, OutboundResultEvent, AgentActionEvent, RoutingEvent {

    /** Channel, channel account and the customer's id on that channel, e.g. {@code wa:106540352242922:16505551234}. */
    String conversationKey();

    Channel channel();

    String channelAccountId();

    @Override
    @JsonIgnore
    default String recordKey() {
        return conversationKey();
    }

    @Override
    @JsonIgnore
    default String subject() {
        return conversationKey();
    }
}
