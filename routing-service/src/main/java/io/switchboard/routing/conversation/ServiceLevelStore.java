package io.switchboard.routing.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.store.Db;

/**
 * The service level of the queues that have a target, from {@code routing.conversations}, so every replica reports
 * the same figure: over the window, the conversations first answered (assigned) within the target of their first
 * message, against those answered at all plus those abandoned unanswered after the target had passed (abandoned
 * sooner counts neither way).
 */
@ApplicationScoped
public class ServiceLevelStore {

    /** Met and counted conversations of one queue over the window. */
    public record ServiceLevel(long met, long counted) {
    }

    public Map<String, ServiceLevel> over(Db db, List<QueueVersion> queues, long windowMillis) {
        Map<String, ServiceLevel> levels = new HashMap<>();
        String[] ids = queues.stream().map(QueueVersion::id).toArray(String[]::new);
        Long[] targets = queues.stream().map(q -> q.definition().serviceLevelTarget().toMillis()).toArray(Long[]::new);
        db.query("SELECT q.queue_id,"
                + " count(*) FILTER (WHERE c.first_assigned_at - c.opened_at <= q.target_ms * interval '1 millisecond')"
                + "   AS met, count(*) AS counted"
                + " FROM unnest($1::text[], $2::bigint[]) AS q(queue_id, target_ms)"
                + " JOIN routing.conversations c ON c.queue_id = q.queue_id"
                + " WHERE c.first_assigned_at > now() - $3 * interval '1 millisecond'"
                + " OR (c.state = 'abandoned' AND c.first_assigned_at IS NULL"
                + "   AND c.closed_at > now() - $3 * interval '1 millisecond'"
                + "   AND c.closed_at - c.opened_at > q.target_ms * interval '1 millisecond')"
                + " GROUP BY q.queue_id", ids, targets, windowMillis)
                .forEach(row -> levels.put(row.getString("queue_id"),
                        new ServiceLevel(row.getLong("met"), row.getLong("counted"))));
        for (String id : ids) {
            levels.putIfAbsent(id, new ServiceLevel(0, 0));
        }
        return levels;
    }
}
