package io.switchboard.events;

import java.time.Instant;

/**
 * An agent asks routing to hand their conversation to another agent or queue.
 * CloudEvent type {@code switchboard.agent.transfer-requested}.
 *
 * @param toAgentId the agent to hand it to; absent for a transfer to a queue
 * @param toQueueId the queue to hand it to; with {@code toAgentId}, the queue it counts against
 * @param reason    why, shown to the receiving agent
 * @param actorRole absent (or {@code agent}): the assigned agent hands it on; {@value #SUPERVISOR}: {@code agentId}
 *                  is a supervisor moving whoever's conversation it is
 */
public record TransferRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String toAgentId, String toQueueId, String reason,
        Instant occurredAt, String actorRole) implements AgentActionEvent {

    /** {@link #actorRole} of a supervisor's action. */
    public static final String SUPERVISOR = "supervisor";

    /** An agent's transfer of their own conversation. */
    public TransferRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String agentId, String toAgentId, String toQueueId, String reason,
            Instant occurredAt) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, agentId, toAgentId, toQueueId,
                reason, occurredAt, null);
    }

    public boolean bySupervisor() {
        return SUPERVISOR.equals(actorRole);
    }

    @Override
    public EventType eventType() {
        return EventType.TRANSFER_REQUESTED;
    }
}
