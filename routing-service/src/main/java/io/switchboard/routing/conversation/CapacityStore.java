package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.routing.store.Db;

/**
 * The SQL of agents' capacity ({@code routing.agent_load}) and of their last assignment. Capacity is taken only by
 * the conditional update in {@link #reserve}: 0 rows means full, away, offline or removed, and the next candidate.
 */
@ApplicationScoped
public class CapacityStore {

    /** Takes one unit of the agent's capacity on the channel; false when there is none to take. */
    boolean reserve(Db db, String agentId, Channel channel) {
        return db.update("UPDATE routing.agent_load l SET active = l.active + 1 FROM routing.agents a"
                + " WHERE l.agent_id = $1 AND l.channel = $2 AND l.active < l.capacity"
                + " AND a.agent_id = l.agent_id AND a.active AND a.presence = 'available'",
                agentId, channel.wireName()) == 1;
    }

    /**
     * {@link #reserve}, and when it took the unit, the claimed conversation assigned to the agent and their last
     * assignment marked, in one statement; false (and nothing changed) when there was no room.
     */
    boolean reserveAndAssign(Db db, String agentId, Channel channel, String conversationId) {
        return db.one("WITH reserved AS (UPDATE routing.agent_load l SET active = l.active + 1 FROM routing.agents a"
                + "   WHERE l.agent_id = $1 AND l.channel = $2 AND l.active < l.capacity"
                + "   AND a.agent_id = l.agent_id AND a.active AND a.presence = 'available' RETURNING l.agent_id),"
                + " idle AS (UPDATE routing.agents SET last_assigned_at = now()"
                + "   WHERE agent_id IN (SELECT agent_id FROM reserved)),"
                + " assigned AS (UPDATE routing.conversations SET state = 'assigned', agent_id = $1,"
                + "   assigned_at = now(), first_assigned_at = COALESCE(first_assigned_at, now())"
                + "   WHERE conversation_id = $3 AND state = 'offered'"
                + "   AND EXISTS (SELECT 1 FROM reserved))"
                + " SELECT count(*) AS taken FROM reserved", agentId, channel.wireName(), conversationId)
                .getLong("taken") == 1;
    }

    void release(Db db, String agentId, Channel channel) {
        db.update("UPDATE routing.agent_load SET active = active - 1"
                + " WHERE agent_id = $1 AND channel = $2 AND active > 0", agentId, channel.wireName());
    }

    /** The agent was just given a conversation (the longest-idle strategy reads it). */
    void assigned(Db db, String agentId) {
        db.update("UPDATE routing.agents SET last_assigned_at = now() WHERE agent_id = $1", agentId);
    }
}
