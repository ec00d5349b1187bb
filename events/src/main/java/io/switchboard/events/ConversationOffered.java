package io.switchboard.events;

import java.time.Instant;

/**
 * Routing offered a conversation to one agent, who may accept or decline it until {@code expiresAt}. The agent's
 * capacity is held for the offer meanwhile. CloudEvent type {@code switchboard.conversation.offered}.
 *
 * @param offerId     routing's id of this offer; accept and decline actions name it
 * @param expiresAt   when the offer lapses unanswered
 * @param explanation why this agent: the candidates, their verdicts and the winner's reason
 * @param reason      why the conversation is offered, when it is not a customer's message:
 *                    {@code callback_requested} (a call the queue turns into a callback task); null otherwise
 */
public record ConversationOffered(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String queueId, String offerId, String agentId, Instant expiresAt,
        RoutingExplanation explanation, Instant occurredAt, String reason) implements RoutingEvent {

    /** The reason of a conversation offered as a callback task. */
    public static final String CALLBACK_REQUESTED = "callback_requested";

    /** An offer of a conversation a customer's message opened. */
    public ConversationOffered(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String queueId, String offerId, String agentId, Instant expiresAt,
            RoutingExplanation explanation, Instant occurredAt) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, queueId, offerId, agentId,
                expiresAt, explanation, occurredAt, null);
    }

    /** Whether the agent is asked to call the customer back. */
    public boolean callback() {
        return CALLBACK_REQUESTED.equals(reason);
    }

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_OFFERED;
    }
}
