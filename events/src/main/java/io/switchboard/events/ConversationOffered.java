package io.switchboard.events;

import java.time.Instant;

/**
 * Routing offered a conversation to one agent, who may accept or decline it until {@code expiresAt}. The agent's
 * capacity is held for the offer meanwhile. CloudEvent type {@code switchboard.conversation.offered}.
 *
 * @param offerId     routing's id of this offer; accept and decline actions name it
 * @param expiresAt   when the offer lapses unanswered
 * @param explanation why this agent: the candidates, their verdicts and the winner's reason
 */
public record ConversationOffered(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String queueId, String offerId, String agentId, Instant expiresAt,
        RoutingExplanation explanation, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_OFFERED;
    }
}
