package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Times;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The SQL of the queues' timers on {@code routing.conversations}: who waited past their queue's maximum wait, whose
 * customer went silent past its inactivity timeout, and the conditional updates that act on them (the condition
 * repeated, so a sweep on another replica or a message that arrived meanwhile wins and nothing changes).
 */
@ApplicationScoped
public class AbandonmentStore {

    private static final int PER_QUEUE = 100;

    /** A conversation one of its queue's timers is due for; {@code agentId} for an assigned one. */
    record Due(String conversationId, String queueId, String agentId) {
    }

    /** A conversation just closed as abandoned, and when it began to wait. */
    record Abandoned(Conversation conversation, Instant queuedAt) {
    }

    /** Waiting conversations past their queue's maximum wait ({@code maxWaitMillis[i]} for {@code queueIds[i]}). */
    List<Due> overdue(Db db, String[] queueIds, Long[] maxWaitMillis) {
        return due(db, "SELECT c.conversation_id, c.queue_id, NULL::text AS agent_id"
                + " FROM unnest($1::text[], $2::bigint[]) AS q(queue_id, limit_ms) CROSS JOIN LATERAL"
                + " (SELECT conversation_id, queue_id FROM routing.conversations c WHERE c.state = 'queued'"
                + "   AND c.queue_id = q.queue_id AND c.wait_since <= now() - q.limit_ms * interval '1 millisecond'"
                + "   ORDER BY c.wait_since LIMIT $3) c", queueIds, maxWaitMillis);
    }

    /** Assigned conversations whose customer wrote nothing since the assignment or their last message for that long. */
    List<Due> inactive(Db db, String[] queueIds, Long[] timeoutMillis) {
        return due(db, "SELECT c.conversation_id, c.queue_id, c.agent_id"
                + " FROM unnest($1::text[], $2::bigint[]) AS q(queue_id, limit_ms) CROSS JOIN LATERAL"
                + " (SELECT conversation_id, queue_id, agent_id FROM routing.conversations c"
                + "   WHERE c.state = 'assigned' AND c.queue_id = q.queue_id"
                + "   AND c.assigned_at <= now() - q.limit_ms * interval '1 millisecond'"
                + "   AND greatest(c.assigned_at, c.last_message_at) <= now() - q.limit_ms * interval '1 millisecond'"
                + "   ORDER BY c.assigned_at LIMIT $3) c", queueIds, timeoutMillis);
    }

    private static List<Due> due(Db db, String sql, String[] queueIds, Long[] limits) {
        List<Due> due = new ArrayList<>();
        db.query(sql, queueIds, limits, PER_QUEUE).forEach(row -> due.add(new Due(row.getString("conversation_id"),
                row.getString("queue_id"), row.getString("agent_id"))));
        return due;
    }

    /** Closes a waiting conversation still past the maximum wait of {@code queueId}; null when that no longer holds. */
    Abandoned abandonWaiting(Db db, String conversationId, String queueId, long maxWaitMillis) {
        return abandoned(db.one("UPDATE routing.conversations SET state = 'abandoned', closed_at = now()"
                + " WHERE conversation_id = $1 AND state = 'queued' AND queue_id = $2"
                + " AND wait_since <= now() - $3 * interval '1 millisecond'"
                + " RETURNING " + Conversation.COLUMNS + ", queued_at", conversationId, queueId, maxWaitMillis));
    }

    /**
     * Moves a waiting conversation still past the maximum wait of {@code fromQueueId} to {@code target}, where its
     * own ladder and maximum wait start (it keeps its age); null when that no longer holds.
     */
    Conversation overflowWaiting(Db db, String conversationId, String fromQueueId, long maxWaitMillis,
            QueueVersion target) {
        Row row = db.one("UPDATE routing.conversations SET queue_id = $4, queue_version = $5, priority = $6,"
                + " escalation_step = 0, step_since = now(), wait_since = now()"
                + " WHERE conversation_id = $1 AND state = 'queued' AND queue_id = $2"
                + " AND wait_since <= now() - $3 * interval '1 millisecond' RETURNING " + Conversation.COLUMNS,
                conversationId, fromQueueId, maxWaitMillis, target.id(), target.version(),
                target.definition().priority());
        return row == null ? null : Conversation.of(row);
    }

    /**
     * Closes an assigned conversation whose customer is still silent past {@code timeoutMillis}; null when a message
     * came, or the agent resolved or lost it. A message being recorded holds the row: this waits for it and then
     * finds the condition false.
     */
    Abandoned abandonInactive(Db db, String conversationId, String agentId, long timeoutMillis) {
        return abandoned(db.one("UPDATE routing.conversations SET state = 'abandoned', closed_at = now()"
                + " WHERE conversation_id = $1 AND state = 'assigned' AND agent_id = $2"
                + " AND greatest(assigned_at, last_message_at) <= now() - $3 * interval '1 millisecond'"
                + " RETURNING " + Conversation.COLUMNS + ", queued_at", conversationId, agentId, timeoutMillis));
    }

    private static Abandoned abandoned(Row row) {
        return row == null ? null
                : new Abandoned(Conversation.of(row), Times.toInstant(row.getOffsetDateTime("queued_at")));
    }
}
