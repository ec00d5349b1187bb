package io.switchboard.events;

import java.time.Instant;

/**
 * An agent asks routing to hand their conversation to another agent or queue.
 * CloudEvent type {@code switchboard.agent.transfer-requested}.
 *
 * @param toAgentId the agent to hand it to; absent for a transfer to a queue
 * @param toQueueId the queue to hand it to; with {@code toAgentId}, the queue it counts against
 * @param reason    why, shown to the receiving agent
 */
public record TransferRequested(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String toAgentId, String toQueueId, String reason,
        Instant occurredAt) implements AgentActionEvent {

    @Override
    public EventType eventType() {
        return EventType.TRANSFER_REQUESTED;
    }
}
