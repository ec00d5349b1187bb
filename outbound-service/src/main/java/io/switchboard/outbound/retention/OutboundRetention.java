package io.switchboard.outbound.retention;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.switchboard.messaging.retention.RetentionRule;

/**
 * What outbound keeps (docs/privacy.md): a finished delivery 30 days after its last change (long past any receipt or
 * redelivery of its command), a conversation's window facts 30 days after the customer last wrote (a window is at
 * most 7 days long, and no facts means closed). Parked commands are work still to do and are never removed here;
 * pending receipts have their own pruning (PendingReceipts).
 * Messaging's {@code Retention} enforces these rules.
 */
@Singleton
public class OutboundRetention {

    @Produces
    static final RetentionRule DELIVERIES = new RetentionRule("deliveries", Duration.ofDays(30), """
            DELETE FROM deliveries WHERE idempotency_key IN (
                SELECT idempotency_key FROM deliveries WHERE state IN ('SENT', 'FAILED', 'UNKNOWN')
                AND updated_at < now() - make_interval(secs => $1) LIMIT $2)
            """);
    @Produces
    static final RetentionRule WINDOWS = new RetentionRule("windows", Duration.ofDays(30), """
            DELETE FROM conversation_windows WHERE conversation_key IN (
                SELECT conversation_key FROM conversation_windows
                WHERE last_inbound_at < now() - make_interval(secs => $1)
                AND (closed_at IS NULL OR closed_at < now() - make_interval(secs => $1)) LIMIT $2)
            """);
    /** Past the outbound and inbound topics' retention (7 days), when no late record of theirs can arrive. */
    @Produces
    static final RetentionRule ERASED = new RetentionRule("erased-identities", Duration.ofDays(30), """
            DELETE FROM erased_identities WHERE ref IN (
                SELECT ref FROM erased_identities WHERE erased_at < now() - make_interval(secs => $1) LIMIT $2)
            """);
}
