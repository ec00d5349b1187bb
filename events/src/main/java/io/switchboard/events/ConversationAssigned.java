package io.switchboard.events;

import java.time.Instant;

/**
 * A conversation now belongs to one agent, who holds one unit of their capacity on its channel until it is
 * resolved, transferred or abandoned. CloudEvent type {@code switchboard.conversation.assigned}.
 *
 * @param offerId       the offer the agent accepted; absent when assigned without an offer (a direct transfer)
 * @param actionEventId the event id of the agent's action that led here ({@link OfferAccepted},
 *                      {@link TransferRequested}); absent when routing assigned on its own
 * @param explanation   why this agent
 */
public record ConversationAssigned(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String queueId, String agentId, String offerId, String actionEventId,
        RoutingExplanation explanation, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_ASSIGNED;
    }
}
