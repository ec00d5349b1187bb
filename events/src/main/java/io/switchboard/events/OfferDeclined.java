package io.switchboard.events;

import java.time.Instant;

/**
 * An agent declined an offer; routing records it and offers the conversation to someone else.
 * CloudEvent type {@code switchboard.agent.offer-declined}.
 *
 * @param reason why, in the agent's words or as a code ({@code busy}, {@code wrong_skill})
 */
public record OfferDeclined(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String offerId, String reason,
        Instant occurredAt) implements AgentActionEvent {

    @Override
    public EventType eventType() {
        return EventType.OFFER_DECLINED;
    }
}
