package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The SQL of {@code routing.offers}. An offer is decided once: every answer is a conditional update of the pending
 * row, so an accept racing with the expiry sweep (or a second replica) has exactly one winner.
 */
@ApplicationScoped
public class OfferStore {

    record Made(Instant offeredAt, Instant expiresAt) {
    }

    record Lapsed(String conversationId, String agentId, Instant offeredAt) {
    }

    record Withdrawn(String offerId, String conversationId) {
    }

    Made insert(Db db, String offerId, String conversationId, String agentId, String channel, JsonObject explanation,
            long timeoutMillis) {
        Row row = db.one("INSERT INTO routing.offers (offer_id, conversation_id, agent_id, channel, state,"
                + " explanation, expires_at) VALUES ($1, $2, $3, $4, 'pending', $5,"
                + " now() + $6 * interval '1 millisecond') RETURNING offered_at, expires_at",
                offerId, conversationId, agentId, channel, explanation, timeoutMillis);
        return new Made(Times.toInstant(row.getOffsetDateTime("offered_at")),
                Times.toInstant(row.getOffsetDateTime("expires_at")));
    }

    /** Accepts the agent's pending, unexpired offer; returns its stored explanation, null when it is not theirs. */
    JsonObject accept(Db db, String offerId, String conversationId, String agentId) {
        Row offer = db.one("UPDATE routing.offers SET state = 'accepted', decided_at = now()"
                + " WHERE offer_id = $1 AND conversation_id = $2 AND agent_id = $3 AND state = 'pending'"
                + " AND expires_at > now() RETURNING explanation", offerId, conversationId, agentId);
        return offer == null ? null : offer.getJsonObject("explanation");
    }

    boolean decline(Db db, String offerId, String conversationId, String agentId) {
        return db.one("UPDATE routing.offers SET state = 'declined', decided_at = now()"
                + " WHERE offer_id = $1 AND conversation_id = $2 AND agent_id = $3 AND state = 'pending'"
                + " RETURNING offer_id", offerId, conversationId, agentId) != null;
    }

    /** Pending offers past their time, soonest first. */
    List<String> due(Db db, int limit) {
        List<String> ids = new ArrayList<>();
        db.query("SELECT offer_id FROM routing.offers WHERE state = 'pending' AND expires_at <= now()"
                + " ORDER BY expires_at LIMIT $1", limit).forEach(row -> ids.add(row.getString("offer_id")));
        return ids;
    }

    /** Lapses one offer if it is still pending and past its time; null otherwise. */
    Lapsed expire(Db db, String offerId) {
        Row offer = db.one("UPDATE routing.offers SET state = 'expired', decided_at = now()"
                + " WHERE offer_id = $1 AND state = 'pending' AND expires_at <= now()"
                + " RETURNING conversation_id, agent_id, offered_at", offerId);
        return offer == null ? null : new Lapsed(offer.getString("conversation_id"), offer.getString("agent_id"),
                Times.toInstant(offer.getOffsetDateTime("offered_at")));
    }

    /** Withdraws every pending offer of the agent; returns them. */
    List<Withdrawn> withdrawPendingOf(Db db, String agentId) {
        List<Withdrawn> withdrawn = new ArrayList<>();
        db.query("UPDATE routing.offers SET state = 'withdrawn', decided_at = now()"
                + " WHERE agent_id = $1 AND state = 'pending' RETURNING offer_id, conversation_id", agentId)
                .forEach(row -> withdrawn.add(new Withdrawn(row.getString("offer_id"),
                        row.getString("conversation_id"))));
        return withdrawn;
    }
}
