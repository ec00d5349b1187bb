package io.switchboard.events;

import java.time.Instant;

/**
 * An agent accepted an offer; routing assigns the conversation to them unless the offer is gone.
 * CloudEvent type {@code switchboard.agent.offer-accepted}.
 */
public record OfferAccepted(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String offerId, Instant occurredAt) implements AgentActionEvent {

    @Override
    public EventType eventType() {
        return EventType.OFFER_ACCEPTED;
    }
}
