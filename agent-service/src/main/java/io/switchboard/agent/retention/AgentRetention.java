package io.switchboard.agent.retention;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.messaging.retention.RetentionRule;

/**
 * What agent-service keeps (docs/privacy.md): transcript entries 90 days, closed conversations 90 days after they
 * closed (with what is left of their transcript and offers, their notes, tags, episodes and the customer's profile),
 * each closed episode with its notes and tags 90 days after it closed, the live feed 7 days (a front end away longer starts
 * from the REST API), offers 30 days past their expiry. Idempotency keys have their own pruning (IdempotencyKeys).
 * Messaging's {@code Retention} enforces these rules.
 */
@Singleton
public class AgentRetention {

    @Produces
    static final RetentionRule TRANSCRIPT = new RetentionRule("transcript", Duration.ofDays(90), """
            DELETE FROM agent.transcript WHERE id IN (
                SELECT id FROM agent.transcript WHERE at < now() - make_interval(secs => $1) LIMIT $2)
            """);
    // The last DELETE checks the conversation again: a customer message may have reopened it meanwhile.
    @Produces
    static final RetentionRule CLOSED_CONVERSATIONS = new RetentionRule("closed-conversations", Duration.ofDays(90), """
            WITH doomed AS (
                SELECT conversationKey FROM agent.conversations
                WHERE NOT open AND updatedAt < now() - make_interval(secs => $1) LIMIT $2 FOR UPDATE SKIP LOCKED),
            transcript AS (DELETE FROM agent.transcript WHERE conversationKey IN (SELECT conversationKey FROM doomed)),
            offers AS (DELETE FROM agent.offers WHERE conversationKey IN (SELECT conversationKey FROM doomed)),
            notes AS (DELETE FROM agent.notes WHERE conversationKey IN (SELECT conversationKey FROM doomed)),
            tags AS (DELETE FROM agent.conversation_tags WHERE conversationKey IN (SELECT conversationKey FROM doomed)),
            episodes AS (DELETE FROM agent.episodes WHERE conversationKey IN (SELECT conversationKey FROM doomed)),
            customers AS (DELETE FROM agent.customers WHERE conversationKey IN (SELECT conversationKey FROM doomed))
            DELETE FROM agent.conversations WHERE conversationKey IN (SELECT conversationKey FROM doomed)
                AND NOT open AND updatedAt < now() - make_interval(secs => $1)
            """);
    // A returning customer's conversation stays open under its key: its earlier episodes, with their notes and tags,
    // go 90 days after each closed (their transcript entries age out by the transcript rule).
    @Produces
    static final RetentionRule CLOSED_EPISODES = new RetentionRule("closed-episodes", Duration.ofDays(90), """
            WITH doomed AS (
                SELECT conversationKey, conversationId FROM agent.episodes
                WHERE closedAt < now() - make_interval(secs => $1) LIMIT $2 FOR UPDATE SKIP LOCKED),
            notes AS (DELETE FROM agent.notes
                WHERE (conversationKey, conversationId) IN (SELECT conversationKey, conversationId FROM doomed)),
            tags AS (DELETE FROM agent.conversation_tags WHERE conversationId IN (SELECT conversationId FROM doomed))
            DELETE FROM agent.episodes WHERE conversationId IN (SELECT conversationId FROM doomed)
            """);
    @Produces
    static final RetentionRule FEED = new RetentionRule("feed", Duration.ofDays(7), """
            DELETE FROM agent.feed WHERE id IN (
                SELECT id FROM agent.feed WHERE at < now() - make_interval(secs => $1) LIMIT $2)
            """);
    @Produces
    static final RetentionRule OFFERS = new RetentionRule("offers", Duration.ofDays(30), """
            DELETE FROM agent.offers WHERE offerId IN (
                SELECT offerId FROM agent.offers WHERE expiresAt < now() - make_interval(secs => $1) LIMIT $2)
            """);
}
