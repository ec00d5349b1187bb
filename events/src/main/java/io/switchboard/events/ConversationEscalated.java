package io.switchboard.events;

import java.time.Instant;

/**
 * A waiting conversation moved to the next step of its queue's escalation ladder (wider requirements, another
 * queue, a higher priority). CloudEvent type {@code switchboard.conversation.escalated}.
 *
 * @param queueId         the queue it waits in from now on
 * @param previousQueueId the queue it waited in before, when the step moved it
 * @param escalationStep  the step now applied (1 for the first escalation; 0 when the queue's maximum wait moved
 *                        it to its overflow queue)
 * @param reason          why ({@code waited 120s without an eligible agent})
 * @param explanation     the candidates at the step that gave up, and why none of them could take it
 */
public record ConversationEscalated(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String conversationId, String queueId, String previousQueueId, int escalationStep,
        String reason, RoutingExplanation explanation, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_ESCALATED;
    }
}
