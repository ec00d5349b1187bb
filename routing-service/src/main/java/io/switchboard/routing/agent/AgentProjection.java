package io.switchboard.routing.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.AgentStateChanged;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.routing.conversation.Dispatch;
import io.switchboard.routing.conversation.Handover;
import io.switchboard.routing.queuestats.QueueChanges;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Times;
import io.switchboard.routing.store.Transactions;
import io.vertx.core.json.JsonObject;

/**
 * Keeps {@code routing.agents} and the capacity column of {@code routing.agent_load} in step with
 * {@code switchboard.agents.v1}. Each record is the agent's full state; one whose version is not above the stored one
 * changes nothing (the condition is in the upsert). The offset is committed after the transaction. Failures follow
 * the messaging core's {@link ConsumerPolicy}: an outage is retried, an unreadable record becomes a dead letter.
 */
@ApplicationScoped
public class AgentProjection {

    public static final String CHANNEL = "agents";

    private final Transactions transactions;
    private final Handover handover;
    private final Dispatch dispatch;
    private final ConsumerPolicy policy;
    private final QueueChanges queueChanges;

    public AgentProjection(Transactions transactions, Handover handover, Dispatch dispatch, ConsumerPolicy policy,
            QueueChanges queueChanges) {
        this.transactions = transactions;
        this.queueChanges = queueChanges;
        this.handover = handover;
        this.dispatch = dispatch;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        policy.handleBlocking(CHANNEL, record, () -> project(record));
    }

    private void project(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            String agentId = record.key();
            int requeued = transactions.inTransaction(db -> {
                db.update("UPDATE routing.agents SET active = false, updated_at = now() WHERE agent_id = $1", agentId);
                return handover.agentLeft(db, agentId, "removed:" + agentId + "@" + record.offset());
            });
            handover.afterAgentLeft(requeued);
            return;
        }
        AgentStateChanged agent = (AgentStateChanged) CloudEventCodec.read(EventType.AGENT_STATE_CHANGED,
                record.value());
        String presence = agent.presence() == null ? "offline" : agent.presence().wireName();
        // What they held goes to someone else; an agent who is away keeps their conversations. The presence change
        // and the requeue are one transaction: a redelivery after a crash finds the version applied and does nothing
        // more, so a requeue committed separately could be lost for good.
        boolean leaving = !agent.active() || "offline".equals(presence);
        int requeued = transactions.inTransaction(db -> !apply(db, agent) ? -1
                : leaving ? handover.agentLeft(db, agent.agentId(), agent.eventId()) : 0);
        if (requeued < 0) {
            return;
        }
        // Who can serve each queue now may have changed, even when no conversation moved.
        queueChanges.touched();
        if (leaving) {
            handover.afterAgentLeft(requeued);
        } else if ("available".equals(presence)) {
            // Someone may be waiting for exactly this agent.
            dispatch.dispatchWaiting();
        }
    }

    static boolean apply(Db db, AgentStateChanged agent) {
        JsonObject skills = new JsonObject();
        agent.skills().forEach(skill -> skills.put(skill.skill(), skill.proficiency()));
        String presence = agent.presence() == null ? "offline" : agent.presence().wireName();
        int changed = db.update("INSERT INTO routing.agents (agent_id, presence, presence_since, active, skills, version)"
                + " VALUES ($1, $2, $3, $4, $5, $6)"
                + " ON CONFLICT (agent_id) DO UPDATE SET presence = EXCLUDED.presence,"
                + " presence_since = EXCLUDED.presence_since, active = EXCLUDED.active, skills = EXCLUDED.skills,"
                + " version = EXCLUDED.version, updated_at = now()"
                + " WHERE routing.agents.version < EXCLUDED.version",
                agent.agentId(), presence, Times.toOffset(agent.presenceSince()), agent.active(), skills,
                agent.version());
        if (changed == 0) {
            return false;
        }
        List<String> channels = new ArrayList<>();
        for (Map.Entry<String, Integer> capacity : agent.capacity().entrySet()) {
            channels.add(capacity.getKey());
            // Only the capacity: the active count belongs to routing's own offers and assignments.
            db.update("INSERT INTO routing.agent_load (agent_id, channel, active, capacity) VALUES ($1, $2, 0, $3)"
                    + " ON CONFLICT (agent_id, channel) DO UPDATE SET capacity = EXCLUDED.capacity",
                    agent.agentId(), capacity.getKey(), Math.max(0, capacity.getValue()));
        }
        db.update("UPDATE routing.agent_load SET capacity = 0 WHERE agent_id = $1 AND NOT (channel = ANY($2))",
                agent.agentId(), channels.toArray(new String[0]));
        return true;
    }
}
