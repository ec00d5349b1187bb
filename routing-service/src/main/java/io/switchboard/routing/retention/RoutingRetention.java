package io.switchboard.routing.retention;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.messaging.retention.RetentionRule;

/**
 * What routing keeps (docs/privacy.md): a closed conversation, with its offers and held messages, for 90 days.
 * Messaging's {@code Retention} enforces the rules produced here.
 */
@Singleton
public class RoutingRetention {

    @Produces
    static final RetentionRule CLOSED_CONVERSATIONS = new RetentionRule("closed-conversations", Duration.ofDays(90), """
            WITH doomed AS (
                SELECT conversation_id FROM routing.conversations
                WHERE closed_at < now() - make_interval(secs => $1) LIMIT $2),
            offers AS (DELETE FROM routing.offers WHERE conversation_id IN (SELECT conversation_id FROM doomed)),
            held AS (DELETE FROM routing.held_messages WHERE conversation_id IN (SELECT conversation_id FROM doomed))
            DELETE FROM routing.conversations WHERE conversation_id IN (SELECT conversation_id FROM doomed)
            """);
}
