package io.switchboard.events;

import java.time.Instant;

/**
 * A conversation is waiting in a queue for an agent: it is new, or came back after a decline, an expired offer, a
 * transfer to a queue or its agent leaving. CloudEvent type {@code switchboard.conversation.queued}.
 *
 * @param queueId      the queue it waits in
 * @param priority     its priority within the queue (higher is served first)
 * @param reason       why it is queued now ({@code new_conversation}, {@code offer_declined}, {@code offer_expired},
 *                     {@code transferred}, {@code agent_unavailable})
 * @param cause        the event id that caused it (the customer's first message, the decline, the transfer)
 * @param explanation  which rule chose the queue, and the candidates considered when nobody could take it at once
 */
public record ConversationQueued(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String queueId, int priority, String reason, String cause,
        RoutingExplanation explanation, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_QUEUED;
    }
}
