package io.switchboard.events;

import java.time.Instant;

/**
 * Routing refused an agent's action: the offer had expired or gone to someone else, the conversation was no longer
 * theirs, the transfer target could not take it. Nothing changed. CloudEvent type
 * {@code switchboard.agent-action.rejected}, id {@code {actionEventId}:rejected}.
 *
 * @param conversationId the episode the action named, when routing knows it
 * @param actionEventId  the event id of the refused action
 * @param actionType     the refused action's CloudEvent type, e.g. {@code switchboard.agent.offer-accepted}
 * @param reason         why ({@code offer_expired}, {@code not_assigned}, {@code target_at_capacity})
 * @param explanation    for a refused transfer, why the target could not take it
 */
public record AgentActionRejected(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String actionEventId, String actionType, String reason,
        RoutingExplanation explanation, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.AGENT_ACTION_REJECTED;
    }
}
