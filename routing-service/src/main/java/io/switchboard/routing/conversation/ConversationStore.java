package io.switchboard.routing.conversation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.store.Db;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The SQL of {@code routing.conversations}. Every change is a conditional statement on the state it expects: a
 * replica that lost the race changes nothing and learns it from the row count (or the absent row).
 */
@ApplicationScoped
public class ConversationStore {

    private static final String SELECT = "SELECT " + Conversation.COLUMNS + " FROM routing.conversations";

    /** A conversation waiting long enough at its escalation step to be looked at. */
    record Waiting(String conversationId, String queueId, int step, double waitedMillis) {
    }

    /**
     * Opens a conversation for the message's key, with the agent who resolved the key's last conversation within
     * {@code stickyWindowMillis} as its sticky agent; null when the key already has an open one.
     */
    Opened open(Db db, String conversationId, String key, String channel, String account, QueueVersion queue,
            long stickyWindowMillis, String[] openedHere) {
        return open(db, conversationId, key, channel, account, queue, stickyWindowMillis, openedHere,
                ConversationState.QUEUED, false);
    }

    /** As {@link #open}, in {@code state}: {@code standby} for a thread another app controls (never offered). */
    Opened open(Db db, String conversationId, String key, String channel, String account, QueueVersion queue,
            long stickyWindowMillis, String[] openedHere, ConversationState state) {
        return open(db, conversationId, key, channel, account, queue, stickyWindowMillis, openedHere, state, false);
    }

    /** As {@link #open}, queued; {@code callback} when a call the customer made opens it as a callback task. */
    Opened open(Db db, String conversationId, String key, String channel, String account, QueueVersion queue,
            long stickyWindowMillis, String[] openedHere, boolean callback) {
        return open(db, conversationId, key, channel, account, queue, stickyWindowMillis, openedHere,
                ConversationState.QUEUED, callback);
    }

    private Opened open(Db db, String conversationId, String key, String channel, String account, QueueVersion queue,
            long stickyWindowMillis, String[] openedHere, ConversationState state, boolean callback) {
        Row created = db.one("INSERT INTO routing.conversations (conversation_id, conversation_key, channel,"
                + " channel_account_id, queue_id, queue_version, priority, state, callback, sticky_agent_id)"
                + " VALUES ($1, $2, $3, $4, $5, $6, $7, $10, $11, (SELECT p.agent_id FROM routing.conversations p"
                + "   WHERE p.conversation_key = $2 AND p.state = 'resolved'"
                + "   AND p.closed_at > now() - $8 * interval '1 millisecond' ORDER BY p.closed_at DESC LIMIT 1))"
                + " ON CONFLICT (conversation_key) WHERE closed_at IS NULL DO NOTHING RETURNING " + Conversation.COLUMNS
                // Whether another waits ahead of it, in the same round trip (the statement's snapshot: the new row is
                // not in it), leaving out those this transaction opened (the caller orders those).
                + ", EXISTS (SELECT 1 FROM routing.conversations o WHERE o.state = 'queued' AND o.queue_id = $5"
                + "   AND (o.priority > $7 OR (o.priority = $7 AND o.queued_at <= now()))"
                + "   AND o.conversation_id <> ALL($9)) AS older",
                conversationId, key, channel, account, queue.id(), queue.version(), queue.definition().priority(),
                stickyWindowMillis, openedHere, state.column(), callback);
        return created == null ? null : new Opened(Conversation.of(created), created.getBoolean("older"));
    }

    /**
     * A conversation just opened, and whether another of its queue waited ahead of it then (not counting those opened
     * earlier in the same transaction).
     */
    record Opened(Conversation conversation, boolean olderWaiting) {
    }

    Conversation openByKey(Db db, String key) {
        return of(db.one(SELECT + " WHERE conversation_key = $1 AND closed_at IS NULL", key));
    }

    /**
     * The open conversation of the key, its customer's last message marked now (the inactivity timeout counts from
     * it); null when none is open. The row stays locked to the end of the transaction, so an inactivity sweep either
     * sees this message or closed the conversation first (and this message then opens a new one).
     */
    Conversation continueByKey(Db db, String key) {
        return of(db.one("UPDATE routing.conversations SET last_message_at = now()"
                + " WHERE conversation_key = $1 AND closed_at IS NULL RETURNING " + Conversation.COLUMNS, key));
    }

    /**
     * Moves the open conversation of {@code fromKey} to {@code toKey} (the customer's identity changed); null when
     * {@code fromKey} has none open, or {@code toKey} already has one (that one continues; nothing is merged). Its
     * held messages and offers follow: they name the conversation by id.
     */
    Conversation rekey(Db db, String fromKey, String toKey) {
        return of(db.one("UPDATE routing.conversations SET conversation_key = $2"
                + " WHERE conversation_key = $1 AND closed_at IS NULL AND NOT EXISTS (SELECT 1"
                + "   FROM routing.conversations n WHERE n.conversation_key = $2 AND n.closed_at IS NULL)"
                + " RETURNING " + Conversation.COLUMNS, fromKey, toKey));
    }

    /** A waiting conversation whose thread another app took or was passed: kept, no longer offered. */
    Conversation toStandby(Db db, String conversationId) {
        return of(db.one("UPDATE routing.conversations SET state = 'standby'"
                + " WHERE conversation_id = $1 AND state = 'queued' RETURNING " + Conversation.COLUMNS,
                conversationId));
    }

    /** Switchboard has the thread now: the conversation waits in its queue from now on, to be offered. */
    Conversation fromStandby(Db db, String conversationId) {
        return of(db.one("UPDATE routing.conversations SET state = 'queued', queued_at = now(), wait_since = now(),"
                + " step_since = now() WHERE conversation_id = $1 AND state = 'standby' RETURNING "
                + Conversation.COLUMNS, conversationId));
    }

    Conversation find(Db db, String conversationId) {
        return of(db.one(SELECT + " WHERE conversation_id = $1", conversationId));
    }

    /** A conversation at the head of its queue on its channel, as dispatch takes them. */
    record Head(String conversationId, String queueId, String channel, int step) {
    }

    /**
     * The first {@code perQueue} waiting conversations of every one of {@code queueIds} on every one of
     * {@code channels}, each pair one probe of the waiting index, together in the order they are served: priority,
     * then age. A queue nobody can serve keeps only its own heads, never another queue's, from being looked at.
     */
    List<Head> heads(Db db, String[] queueIds, String[] channels, int perQueue) {
        List<Head> heads = new ArrayList<>();
        db.query("SELECT h.conversation_id, h.queue_id, h.channel, h.escalation_step"
                + " FROM unnest($1::text[]) AS q(queue_id) CROSS JOIN unnest($2::text[]) AS ch(channel)"
                + " CROSS JOIN LATERAL (SELECT c.conversation_id, c.queue_id, c.channel, c.escalation_step,"
                + "   c.priority, c.queued_at FROM routing.conversations c WHERE c.state = 'queued'"
                + "   AND c.queue_id = q.queue_id AND c.channel = ch.channel"
                + "   ORDER BY c.priority DESC, c.queued_at, c.conversation_id LIMIT $3) h"
                + " ORDER BY h.priority DESC, h.queued_at, h.conversation_id", queueIds, channels, perQueue)
                .forEach(row -> heads.add(new Head(row.getString("conversation_id"), row.getString("queue_id"),
                        row.getString("channel"), row.getInteger("escalation_step"))));
        return heads;
    }

    /** Claims a waiting conversation for an offer; null when another replica claimed it first. */
    Conversation claim(Db db, String conversationId) {
        return of(db.one("UPDATE routing.conversations SET state = 'offered'"
                + " WHERE conversation_id = $1 AND state = 'queued' RETURNING " + Conversation.COLUMNS,
                conversationId));
    }

    /** Back to waiting, from a claim or an offer that came to nothing; null when it was not offered. */
    Conversation unclaim(Db db, String conversationId) {
        return of(db.one("UPDATE routing.conversations SET state = 'queued'"
                + " WHERE conversation_id = $1 AND state = 'offered' RETURNING " + Conversation.COLUMNS,
                conversationId));
    }

    void assign(Db db, String conversationId, String agentId) {
        db.update("UPDATE routing.conversations SET state = 'assigned', agent_id = $2, assigned_at = now(),"
                + " first_assigned_at = COALESCE(first_assigned_at, now())"
                + " WHERE conversation_id = $1 AND state = 'offered'", conversationId, agentId);
    }

    /** Closes it as resolved if {@code agentId} has it; null otherwise. */
    Conversation resolve(Db db, String conversationId, String agentId) {
        return of(db.one("UPDATE routing.conversations SET state = 'resolved', closed_at = now()"
                + " WHERE conversation_id = $1 AND agent_id = $2 AND state = 'assigned'"
                + " RETURNING " + Conversation.COLUMNS, conversationId, agentId));
    }

    /** From its agent back to waiting, in {@code target} (its ladder from the start); null if the agent lost it. */
    Conversation moveToQueue(Db db, String conversationId, String agentId, QueueVersion target) {
        return of(db.one("UPDATE routing.conversations SET state = 'queued', agent_id = NULL,"
                + " queued_at = now(), queue_id = $3, queue_version = $4, priority = $5, escalation_step = 0,"
                + " step_since = now(), wait_since = now()"
                + " WHERE conversation_id = $1 AND agent_id = $2 AND state = 'assigned'"
                + " RETURNING " + Conversation.COLUMNS, conversationId, agentId, target.id(), target.version(),
                target.definition().priority()));
    }

    /** From one agent straight to another; false if {@code fromAgentId} no longer has it. */
    boolean reassign(Db db, String conversationId, String fromAgentId, String toAgentId) {
        return db.update("UPDATE routing.conversations SET agent_id = $3, assigned_at = now()"
                + " WHERE conversation_id = $1 AND agent_id = $2 AND state = 'assigned'",
                conversationId, fromAgentId, toAgentId) == 1;
    }

    /** Every conversation the agent has goes back to waiting, keeping its age (its maximum wait starts again). */
    List<Conversation> requeueAssignedOf(Db db, String agentId) {
        List<Conversation> requeued = new ArrayList<>();
        db.query("UPDATE routing.conversations SET state = 'queued', agent_id = NULL,"
                + " escalation_step = 0, step_since = now(), wait_since = now()"
                + " WHERE agent_id = $1 AND state = 'assigned'"
                + " RETURNING " + Conversation.COLUMNS, agentId).forEach(row -> requeued.add(Conversation.of(row)));
        return requeued;
    }

    /** Waiting conversations of the queues that have an escalation ladder, longest at their step first. */
    List<Waiting> waitingOnLadders(Db db, String[] queueIds) {
        List<Waiting> waiting = new ArrayList<>();
        db.query("SELECT conversation_id, queue_id, escalation_step,"
                + " EXTRACT(EPOCH FROM now() - step_since) * 1000 AS waited_ms FROM routing.conversations"
                + " WHERE state = 'queued' AND queue_id = ANY($1) ORDER BY step_since LIMIT 500", (Object) queueIds)
                .forEach(row -> waiting.add(new Waiting(row.getString("conversation_id"), row.getString("queue_id"),
                        row.getInteger("escalation_step"), row.getDouble("waited_ms"))));
        return waiting;
    }

    /**
     * Moves a waiting conversation from step {@code step} of {@code fromQueueId} to {@code nextStep} of
     * {@code target}; null when a concurrent sweep (or anything else) moved it first.
     */
    Conversation escalate(Db db, String conversationId, int step, int nextStep, QueueVersion target,
            String fromQueueId) {
        // Another queue's maximum wait counts from the overflow.
        return of(db.one("UPDATE routing.conversations SET escalation_step = $3, step_since = now(),"
                + " wait_since = CASE WHEN queue_id = $4 THEN wait_since ELSE now() END,"
                + " queue_id = $4, queue_version = $5, priority = $6"
                + " WHERE conversation_id = $1 AND state = 'queued' AND escalation_step = $2 AND queue_id = $7"
                + " RETURNING " + Conversation.COLUMNS, conversationId, step, nextStep, target.id(),
                target.version(), target.definition().priority(), fromQueueId));
    }

    private static Conversation of(Row row) {
        return row == null ? null : Conversation.of(row);
    }
}
