package io.switchboard.events;

import java.time.Instant;

/**
 * Routing recorded that an agent declined an offer ({@link OfferDeclined}) and released the capacity it held.
 * CloudEvent type {@code switchboard.conversation.offer-declined}.
 *
 * @param reason         the agent's reason
 * @param actionEventId  the event id of the agent's {@link OfferDeclined}
 */
public record ConversationOfferDeclined(String eventId, Channel channel, String channelAccountId,
        String conversationKey, String conversationId, String queueId, String offerId, String agentId,
        String reason, String actionEventId, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.CONVERSATION_OFFER_DECLINED;
    }
}
