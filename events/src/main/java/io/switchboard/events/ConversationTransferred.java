package io.switchboard.events;

import java.time.Instant;

/**
 * Routing accepted a transfer: the conversation left {@code fromAgentId} (whose capacity is released) for another
 * agent or a queue. A {@link ConversationOffered}, {@link ConversationAssigned} or {@link ConversationQueued}
 * follows. CloudEvent type {@code switchboard.conversation.transferred}.
 *
 * @param toAgentId     the agent it goes to; absent for a transfer to a queue
 * @param toQueueId     the queue it goes to
 * @param reason        the requesting agent's reason
 * @param actionEventId the event id of the {@link TransferRequested}; absent when routing moved it on its own
 * @param explanation   why the target agent may take it (or which rule of the target queue applies)
 */
public record ConversationTransferred(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String conversationId, String fromAgentId, String fromQueueId, String toAgentId,
        String toQueueId, String reason, String actionEventId, RoutingExplanation explanation, Instant occurredAt)
        implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_TRANSFERRED;
    }
}
