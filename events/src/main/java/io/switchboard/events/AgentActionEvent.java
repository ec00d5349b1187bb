package io.switchboard.events;

/**
 * What an agent asks routing to decide about one conversation, on {@link Topics#AGENT_ACTIONS}, keyed by
 * conversation key so routing sees them in the conversation's order. agent-service publishes them; routing-service
 * answers with a routing event ({@link ConversationAssigned}, {@link ConversationOfferDeclined},
 * {@link ConversationTransferred}, {@link ConversationResolved}) or with {@link AgentActionRejected}. The event id is
 * the front end's request id, kept by its retries, so a click sent twice is decided once.
 */
public sealed interface AgentActionEvent extends ConversationEvent
        permits OfferAccepted, OfferDeclined, TransferRequested, ResolutionRequested,
        AssignmentRequested {

    /** The agent who acted. */
    String agentId();

    /** routing-service's id of the conversation episode the agent acted on; a stale one is rejected. */
    String conversationId();
}
