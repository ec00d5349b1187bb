package io.switchboard.events;

import java.time.Instant;

/**
 * A conversation episode ended before an agent resolved it: the customer stopped answering, the messaging window
 * closed or the queue's longest wait passed. Any capacity it held is released.
 * CloudEvent type {@code switchboard.conversation.abandoned}.
 *
 * @param agentId  the agent it was assigned or offered to, if any
 * @param reason   why ({@code customer_inactive}, {@code window_closed}, {@code max_wait_exceeded})
 * @param queuedAt when it started waiting; the wait is {@code occurredAt - queuedAt}
 */
public record ConversationAbandoned(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String conversationId, String queueId, String agentId, String reason,
        Instant queuedAt, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_ABANDONED;
    }
}
