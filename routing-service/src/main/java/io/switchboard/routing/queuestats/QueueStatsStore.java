package io.switchboard.routing.queuestats;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Times;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Row;

/** The SQL behind each queue's figures: what waits, what agents hold, and who could take more now. */
@ApplicationScoped
public class QueueStatsStore {

    /** What waits in one queue: per channel, and when the one waiting longest was queued. */
    record Waiting(Map<String, Integer> depth, Instant oldest) {
    }

    /** An agent who takes offers now and has room on some channel, with their skills. */
    record FreeAgent(String agentId, Map<String, Integer> skills) {

        boolean has(Map<String, Integer> required) {
            return required.entrySet().stream()
                    .allMatch(skill -> skills.getOrDefault(skill.getKey(), 0) >= skill.getValue());
        }
    }

    Map<String, Waiting> waiting(Db db) {
        Map<String, Map<String, Integer>> depth = new HashMap<>();
        Map<String, Instant> oldest = new HashMap<>();
        for (Row row : db.query("SELECT queue_id, channel, count(*) AS waiting, min(queued_at) AS oldest"
                + " FROM routing.conversations WHERE state = 'queued' GROUP BY queue_id, channel")) {
            String queue = row.getString("queue_id");
            depth.computeIfAbsent(queue, q -> new HashMap<>()).put(row.getString("channel"),
                    row.getLong("waiting").intValue());
            Instant since = Times.toInstant(row.getOffsetDateTime("oldest"));
            oldest.merge(queue, since, (a, b) -> a.isBefore(b) ? a : b);
        }
        Map<String, Waiting> byQueue = new HashMap<>();
        depth.forEach((queue, channels) -> byQueue.put(queue, new Waiting(channels, oldest.get(queue))));
        return byQueue;
    }

    /** Open conversations an agent holds (offered or assigned), by queue. */
    Map<String, Integer> held(Db db) {
        Map<String, Integer> byQueue = new HashMap<>();
        for (Row row : db.query("SELECT queue_id, count(*) AS held FROM routing.conversations"
                + " WHERE state IN ('offered', 'assigned') GROUP BY queue_id")) {
            byQueue.put(row.getString("queue_id"), row.getLong("held").intValue());
        }
        return byQueue;
    }

    List<FreeAgent> freeAgents(Db db) {
        List<FreeAgent> agents = new ArrayList<>();
        for (Row row : db.query("SELECT a.agent_id, a.skills FROM routing.agents a WHERE a.active"
                + " AND a.presence = 'available' AND EXISTS (SELECT 1 FROM routing.agent_load l"
                + "   WHERE l.agent_id = a.agent_id AND l.active < l.capacity)")) {
            Map<String, Integer> skills = new HashMap<>();
            Object value = row.getValue("skills");
            if (value instanceof JsonObject json) {
                json.forEach(skill -> skills.put(skill.getKey(), ((Number) skill.getValue()).intValue()));
            }
            agents.add(new FreeAgent(row.getString("agent_id"), skills));
        }
        return agents;
    }
}
