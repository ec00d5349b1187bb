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

    void release(Db db, String agentId, Channel channel) {
        db.update("UPDATE routing.agent_load SET active = active - 1"
                + " WHERE agent_id = $1 AND channel = $2 AND active > 0", agentId, channel.wireName());
    }

    /** The agent was just given a conversation (the longest-idle strategy reads it). */
    void assigned(Db db, String agentId) {
        db.update("UPDATE routing.agents SET last_assigned_at = now() WHERE agent_id = $1", agentId);
    }
}
