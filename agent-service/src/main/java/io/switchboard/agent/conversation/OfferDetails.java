package io.switchboard.agent.conversation;

import java.time.Instant;

/** An open offer to the agent, with its deadline; {@code reason} {@code callback_requested} when it is a callback task. */
public record OfferDetails(String offerId, String conversationKey, String conversationId, String channel,
        String queueId, Instant expiresAt, String reason) {

    static OfferDetails of(OfferView offer) {
        return new OfferDetails(offer.offerId, offer.conversationKey, offer.conversationId,
                offer.channel.wireName(), offer.queueId, offer.expiresAt, offer.reason);
    }
}
