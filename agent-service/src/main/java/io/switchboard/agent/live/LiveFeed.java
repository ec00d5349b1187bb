package io.switchboard.agent.live;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Appends items to agents' feeds (inside the caller's transaction) and reads them back by sequence. The append
 * also notifies {@link #CHANNEL}: PostgreSQL delivers the notification only on commit, to every replica, whose
 * sockets then read what is new.
 */
@ApplicationScoped
public class LiveFeed {

    /** The PostgreSQL notification channel; the payload is the agent id. */
    public static final String CHANNEL = "agent_feed";

    private static final String APPEND = """
            with next as (
              insert into agent.feed_cursors (agent_id, last_seq) values (:agent, 1)
              on conflict (agent_id) do update set last_seq = agent.feed_cursors.last_seq + 1
              returning last_seq)
            insert into agent.feed (agent_id, seq, conversation_key, type, payload, at)
            select :agent, last_seq, :key, :type, :payload, :at from next""";

    private final Pool pool;
    private final ObjectMapper json;

    public LiveFeed(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Adds an item to the agent's feed in the current transaction; does nothing without an agent. */
    public Uni<Void> append(String agentId, String conversationKey, String type, Object data) {
        if (agentId == null) {
            return Uni.createFrom().voidItem();
        }
        String payload;
        try {
            payload = json.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("feed item " + type + " cannot be written as JSON", e);
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(APPEND)
                .setParameter("agent", agentId).setParameter("key", conversationKey).setParameter("type", type)
                .setParameter("payload", payload).setParameter("at", OffsetDateTime.now(ZoneOffset.UTC))
                .executeUpdate()
                .flatMap(inserted -> session.createNativeQuery("select 1 from pg_notify('" + CHANNEL + "', :agent)")
                        .setParameter("agent", agentId).getSingleResult()))
                .replaceWithVoid();
    }

    /** The agent's items after {@code seq}, oldest first, at most {@code limit}. */
    public Uni<List<LiveItem>> after(String agentId, long seq, int limit) {
        return pool.preparedQuery("select seq, type, conversation_key, at, payload from agent.feed "
                + "where agent_id = $1 and seq > $2 order by seq limit $3")
                .execute(Tuple.of(agentId, seq, limit))
                .map(rows -> {
                    List<LiveItem> items = new ArrayList<>();
                    for (Row row : rows) {
                        items.add(new LiveItem(row.getLong("seq"), row.getString("type"),
                                row.getString("conversation_key"), row.getOffsetDateTime("at").toInstant(),
                                row.getString("payload")));
                    }
                    return items;
                });
    }
}
