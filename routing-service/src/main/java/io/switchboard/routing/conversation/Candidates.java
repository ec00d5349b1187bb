package io.switchboard.routing.conversation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.switchboard.events.Channel;
import io.switchboard.routing.selection.Candidate;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** Reads the snapshot of agents a selection judges: presence, skills, load and capacity on one channel. */
final class Candidates {

    private Candidates() {
    }

    static List<Candidate> load(Db db, Channel channel, String conversationId) {
        List<Candidate> candidates = new ArrayList<>();
        for (Row row : db.query("SELECT a.agent_id, a.presence, a.active, a.skills, a.presence_since,"
                + " a.last_assigned_at, COALESCE(l.active, 0) AS load, COALESCE(l.capacity, 0) AS capacity,"
                + " EXISTS (SELECT 1 FROM routing.offers o WHERE o.conversation_id = $2 AND o.agent_id = a.agent_id"
                + "   AND o.state IN ('declined', 'expired')) AS missed"
                + " FROM routing.agents a"
                + " LEFT JOIN routing.agent_load l ON l.agent_id = a.agent_id AND l.channel = $1"
                + " WHERE a.active", channel.wireName(), conversationId)) {
            candidates.add(new Candidate(row.getString("agent_id"), row.getString("presence"),
                    row.getBoolean("active"), skills(row.getJsonObject("skills")),
                    Times.toInstant(row.getOffsetDateTime("presence_since")),
                    Times.toInstant(row.getOffsetDateTime("last_assigned_at")), row.getInteger("load"),
                    row.getInteger("capacity"), row.getBoolean("missed")));
        }
        return candidates;
    }

    private static Map<String, Integer> skills(JsonObject json) {
        Map<String, Integer> skills = new HashMap<>();
        if (json != null) {
            json.forEach(entry -> skills.put(entry.getKey(), ((Number) entry.getValue()).intValue()));
        }
        return skills;
    }
}
