package io.switchboard.agent;

import java.time.Instant;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAbandoned;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationOfferExpired;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.RoutingEvent;
import io.switchboard.testing.KafkaTestClient;

/** Publishes routing-service's events as routing-service would, with fresh ids. */
final class Routing {

    static final String WA_ACCOUNT = "106540352242922";

    private Routing() {
    }

    static String id() {
        return UUID.randomUUID().toString().substring(0, 12);
    }

    static String conversationKey() {
        return Channel.WHATSAPP.conversationKey(WA_ACCOUNT, "1650" + (System.nanoTime() % 10_000_000));
    }

    static void publish(RoutingEvent event) {
        try (KafkaTestClient kafka = new KafkaTestClient()) {
            kafka.produce(CloudEventCodec.toRecord(event, "/test/routing"));
        }
    }

    static ConversationOffered offered(String key, String conversationId, String agentId, String offerId,
            Instant expiresAt) {
        return new ConversationOffered("offered:" + offerId, Channel.WHATSAPP, WA_ACCOUNT, key, conversationId,
                "support", offerId, agentId, expiresAt, null, Instant.now());
    }

    static ConversationAssigned assigned(String key, String conversationId, String agentId) {
        return new ConversationAssigned("assigned:" + id(), Channel.WHATSAPP, WA_ACCOUNT, key, conversationId,
                "support", agentId, null, null, null, Instant.now());
    }

    static MessageRouted routed(String key, String conversationId, String agentId, String text, Instant sentAt) {
        String messageId = "wa:wamid." + id();
        return new MessageRouted(messageId + ":routed:" + agentId, Channel.WHATSAPP, WA_ACCOUNT, key,
                conversationId, agentId, messageId, "wamid." + id(), null, MessageContent.text(text), sentAt,
                Instant.now(), null, null, null, null);
    }

    static ConversationResolved resolved(String key, String conversationId, String agentId) {
        return new ConversationResolved("resolved:" + id(), Channel.WHATSAPP, WA_ACCOUNT, key, conversationId,
                "support", agentId, "solved", null, null, Instant.now());
    }

    static ConversationAbandoned abandoned(String key, String conversationId, String agentId, String reason) {
        return new ConversationAbandoned("abandoned:" + id(), Channel.WHATSAPP, WA_ACCOUNT, key, conversationId,
                "support", agentId, reason, Instant.now().minusSeconds(600), Instant.now());
    }

    static ConversationOfferExpired expired(String key, String agentId) {
        String offerId = id();
        return new ConversationOfferExpired("expired:" + offerId, Channel.WHATSAPP, WA_ACCOUNT, key, id(), "support",
                offerId, agentId, Instant.now().minusSeconds(30), Instant.now());
    }
}
