package io.switchboard.events;

/**
 * What routing-service decided about a conversation, on {@link Topics#ROUTING}, keyed by conversation key so one
 * conversation's lifecycle stays in order. Event ids are derived from routing's own state (conversation, offer,
 * step), so an event published again from the outbox is recognised as the same event.
 */
public sealed interface RoutingEvent extends ConversationEvent
        permits ConversationQueued, ConversationOffered, ConversationOfferDeclined, ConversationOfferExpired,
        ConversationAssigned, ConversationEscalated, ConversationTransferred, ConversationResolved,
        ConversationAbandoned, MessageRouted, AgentActionRejected, ThreadControlReported {

    /**
     * routing-service's id of this conversation episode: from the first message until it is resolved or
     * abandoned. The next message after that opens a new episode with a new id under the same conversation key.
     */
    String conversationId();
}
