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

    /** Who controlled a thread (Meta's handover protocol), once nothing changed it for 90 days and no conversation is open. */
    @Produces
    static final RetentionRule THREAD_CONTROL = new RetentionRule("thread-control", Duration.ofDays(90), """
            DELETE FROM routing.thread_control WHERE conversation_key IN (
                SELECT t.conversation_key FROM routing.thread_control t
                WHERE t.updated_at < now() - make_interval(secs => $1) AND NOT EXISTS (SELECT 1
                    FROM routing.conversations c WHERE c.conversation_key = t.conversation_key AND c.closed_at IS NULL)
                LIMIT $2)
            """);
}
