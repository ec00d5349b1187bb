package io.switchboard.agent.supervisor;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.live.LiveFeed;
import io.switchboard.events.AgentStateChanged;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The supervisors' live feed: one shared feed in {@code agent.feed} under {@link #FEED} (no agent id can start with
 * {@code #}), so it has the agents' feed's sequence, resume and notification for free. Items are appended in the
 * transaction of the change they report.
 */
@ApplicationScoped
public class SupervisorFeed {

    /** The feed's owner in {@code agent.feed}. */
    public static final String FEED = "#supervisors";
    public static final String QUEUE_UPDATED = "queue.updated";
    public static final String AGENT_UPDATED = "agent.updated";
    public static final String AGENT_CONVERSATION = "agent.conversation";
    /** {@code agent.conversation} changes. */
    public static final String ASSIGNED = "assigned";
    public static final String RELEASED = "released";

    private final LiveFeed feed;
    private final Pool pool;

    public SupervisorFeed(LiveFeed feed, Pool pool) {
        this.feed = feed;
        this.pool = pool;
    }

    /** The feed's last sequence so far (0 when empty): a socket opened without {@code after} starts there. */
    public Uni<Long> head() {
        return pool.preparedQuery("select last_seq from agent.feed_cursors where agent_id = $1")
                .execute(Tuple.of(FEED))
                .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong("last_seq"));
    }

    /** A queue's figures changed. */
    public Uni<Void> queueChanged(SupervisorQueue queue) {
        return feed.append(FEED, null, QUEUE_UPDATED, queue);
    }

    /** An agent's presence, profile or capacity changed: their whole state as published. */
    public Uni<Void> agentChanged(AgentStateChanged agent) {
        return feed.append(FEED, null, AGENT_UPDATED, new AgentUpdate(agent.agentId(), agent.displayName(),
                agent.presence() == null ? null : agent.presence().wireName(), agent.presenceSince(),
                agent.awayReason(), agent.wrapUpUntil(), agent.capacity(), agent.active()));
    }

    /**
     * An agent took or let go of a conversation ({@code change}: {@code assigned}, {@code released}): their load on
     * the channel moved by one. {@code actionEventId}: the action that caused it (a supervisor's 202 names it).
     */
    public Uni<Void> conversationMoved(String agentId, String conversationKey, String conversationId, String channel,
            String queueId, String change, String actionEventId) {
        if (agentId == null) {
            return Uni.createFrom().voidItem();
        }
        return feed.append(FEED, conversationKey, AGENT_CONVERSATION, new ConversationMove(agentId, conversationId,
                channel, queueId, change, actionEventId, Instant.now()));
    }

    /** The data of {@code agent.updated}. */
    public record AgentUpdate(String agentId, String displayName, String presence, Instant presenceSince,
            String awayReason, Instant wrapUpUntil, Map<String, Integer> capacity, boolean active) {
    }

    /** The data of {@code agent.conversation}. */
    public record ConversationMove(String agentId, String conversationId, String channel, String queueId,
            String change, String actionEventId, Instant at) {
    }
}
