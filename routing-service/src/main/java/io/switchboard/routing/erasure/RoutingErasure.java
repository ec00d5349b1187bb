package io.switchboard.routing.erasure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.ErasureRequested;
import io.switchboard.messaging.erasure.KeyMatch;
import io.switchboard.routing.store.Db;

/**
 * What routing removes for an erasure: the matching conversations with their offers and held messages (the first
 * message held for an agent); an open one first gives back the capacity it holds. Idempotent: a second run finds
 * nothing.
 */
@ApplicationScoped
public class RoutingErasure {

    /** The stores, in the order they are counted. */
    static final List<String> STORES = List.of("conversations", "offers", "held_messages", "thread_control");

    private static final String DOOMED = "SELECT conversation_id FROM routing.conversations WHERE "
            + KeyMatch.predicate("conversation_key", 1, 2);
    private static final String OFFERS = "DELETE FROM routing.offers WHERE conversation_id IN (" + DOOMED + ")";
    private static final String HELD = "DELETE FROM routing.held_messages WHERE conversation_id IN (" + DOOMED + ")";
    // An open conversation gives back what it holds of its agents' capacity: the assigned agent's unit, and the
    // unit a pending offer reserved (CapacityStore's reserve and release).
    private static final String RELEASE = "WITH doomed AS (SELECT conversation_id, agent_id, channel, state"
            + "   FROM routing.conversations WHERE closed_at IS NULL AND "
            + KeyMatch.predicate("conversation_key", 1, 2) + "),"
            + " holders AS (SELECT agent_id, channel FROM doomed WHERE state = 'assigned' AND agent_id IS NOT NULL"
            + "   UNION ALL SELECT o.agent_id, o.channel FROM routing.offers o JOIN doomed d USING (conversation_id)"
            + "   WHERE o.state = 'pending'),"
            + " held AS (SELECT agent_id, channel, count(*) AS units FROM holders GROUP BY agent_id, channel)"
            + " UPDATE routing.agent_load l SET active = greatest(l.active - held.units, 0) FROM held"
            + " WHERE l.agent_id = held.agent_id AND l.channel = held.channel";
    private static final String CONVERSATIONS = "DELETE FROM routing.conversations WHERE "
            + KeyMatch.predicate("conversation_key", 1, 2);
    // Who controls the customer's Messenger or Instagram thread (Meta's handover protocol), by conversation key.
    private static final String THREADS = "DELETE FROM routing.thread_control WHERE "
            + KeyMatch.predicate("conversation_key", 1, 2);

    /** Removes every row of the customer, in the caller's transaction; the counts per store. */
    public Map<String, Long> erase(Db db, ErasureRequested request) {
        Map<String, Long> removed = zero();
        for (KeyMatch.Pair pair : KeyMatch.pairs(request.identities())) {
            db.update(RELEASE, pair.prefix(), pair.id());
            // Offers and held messages first: they reference the conversations.
            removed.merge("offers", (long) db.update(OFFERS, pair.prefix(), pair.id()), Long::sum);
            removed.merge("held_messages", (long) db.update(HELD, pair.prefix(), pair.id()), Long::sum);
            removed.merge("conversations", (long) db.update(CONVERSATIONS, pair.prefix(), pair.id()), Long::sum);
            removed.merge("thread_control", (long) db.update(THREADS, pair.prefix(), pair.id()), Long::sum);
        }
        return removed;
    }

    /** Every store with a count of 0 (a redelivered request). */
    static Map<String, Long> zero() {
        Map<String, Long> counts = new LinkedHashMap<>();
        STORES.forEach(store -> counts.put(store, 0L));
        return counts;
    }
}
