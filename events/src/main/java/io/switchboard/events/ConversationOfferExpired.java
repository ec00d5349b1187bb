package io.switchboard.events;

import java.time.Instant;

/**
 * An offer lapsed without an answer and its capacity was released; agent-service counts these as missed offers.
 * CloudEvent type {@code switchboard.conversation.offer-expired}.
 *
 * @param offeredAt when the offer was made
 */
public record ConversationOfferExpired(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String conversationId, String queueId, String offerId, String agentId,
        Instant offeredAt, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_OFFER_EXPIRED;
    }
}
