package io.switchboard.events;

import java.time.Instant;

/**
 * An agent asks routing to close their conversation as resolved.
 * CloudEvent type {@code switchboard.agent.resolution-requested}.
 *
 * @param disposition the outcome code the agent chose ({@code solved}, {@code follow_up}, {@code spam})
 * @param reason      a free-text note on the outcome
 */
public record ResolutionRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String disposition, String reason,
        Instant occurredAt) implements AgentActionEvent {

    @Override
    public EventType eventType() {
        return EventType.RESOLUTION_REQUESTED;
    }
}
