package io.switchboard.events;

import java.time.Instant;

/**
 * A supervisor asks routing to give a conversation to one agent (force-assign), whatever its state short of closed.
 * Routing assigns it when the agent exists and is not offline, even beyond the agent's capacity on the channel (the
 * supervisor decided; the load shows the excess), and answers with {@link ConversationAssigned} or
 * {@link AgentActionRejected}. CloudEvent type {@code switchboard.agent.assignment-requested}.
 *
 * @param agentId   the supervisor who acted
 * @param toAgentId the agent to assign it to
 * @param reason    why, shown to the receiving agent
 */
public record AssignmentRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String toAgentId, String reason,
        Instant occurredAt) implements AgentActionEvent {

    @Override
    public EventType eventType() {
        return EventType.ASSIGNMENT_REQUESTED;
    }
}
