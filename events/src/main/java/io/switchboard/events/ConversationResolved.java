package io.switchboard.events;

import java.time.Instant;

/**
 * A conversation episode ended as resolved and its agent's capacity was released; the customer's next message
 * opens a new episode. CloudEvent type {@code switchboard.conversation.resolved}.
 *
 * @param agentId       the agent who resolved it; absent when routing closed it on its own (inactivity)
 * @param disposition   the outcome code ({@code solved}, {@code follow_up}, {@code inactive})
 * @param reason        a free-text note on the outcome
 * @param actionEventId the event id of the {@link ResolutionRequested}; absent when routing closed it on its own
 */
public record ConversationResolved(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String queueId, String agentId, String disposition, String reason,
        String actionEventId, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_RESOLVED;
    }
}
