package io.switchboard.events;

import java.time.Instant;

/**
 * An agent asks routing to close their conversation as resolved.
 * CloudEvent type {@code switchboard.agent.resolution-requested}.
 *
 * @param disposition the outcome code the agent chose ({@code solved}, {@code follow_up}, {@code spam})
 * @param reason      a free-text note on the outcome
 * @param actorRole   absent (or {@code agent}): the assigned agent closes it; {@code supervisor}: {@code agentId} is a
 *                    supervisor closing whoever's conversation it is, waiting or assigned
 */
public record ResolutionRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String disposition, String reason,
        Instant occurredAt, String actorRole) implements AgentActionEvent {

    /** An agent's resolution of their own conversation. */
    public ResolutionRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String agentId, String disposition, String reason, Instant occurredAt) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, agentId, disposition, reason,
                occurredAt, null);
    }

    public boolean bySupervisor() {
        return TransferRequested.SUPERVISOR.equals(actorRole);
    }

    @Override
    public EventType eventType() {
        return EventType.RESOLUTION_REQUESTED;
    }
}
