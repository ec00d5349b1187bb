package io.switchboard.agent.conversation;

import java.sql.SQLException;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.config.AgentConfig;

/**
 * The actions' Idempotency-Keys: claimed at the start of the action's transaction, so a retried click, or a second
 * click while the first is still running, is answered as the first and publishes nothing; pruned after
 * {@code idempotency-retention}.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    /** Keys deleted per prune statement, so pruning never holds long locks. */
    private static final int PRUNE_BATCH = 5000;

    // lock_timeout for the claim only: later statements of the action wait as they always did.
    private static final String WAIT = "select set_config('lock_timeout', :wait, true)";
    private static final String STOP_WAITING = "select set_config('lock_timeout', reset_val, true) from pg_settings "
            + "where name = 'lock_timeout'";
    private static final String CLAIM = "insert into agent.idempotency_keys (agent_id, idempotency_key, ce_type, "
            + "record_key, created_at) values (:agent, :key, :type, :recordKey, now()) "
            + "on conflict (agent_id, idempotency_key) do nothing";

    private final AgentConfig config;

    public IdempotencyKeys(AgentConfig config) {
        this.config = config;
    }

    /**
     * Claims {@code key} for an action, first thing in the action's transaction. A key is its agent's own: another
     * agent's use of the same key is another key. True when this request performs the action, false when an earlier
     * request of this agent with this key did it already (the same kind of action on the same conversation: answered
     * as before), a 409 {@code idempotency_key_reused} when the key was used for something else.
     * <p>
     * A request whose key an uncommitted transaction claimed (a double click) waits on that row for up to
     * {@code idempotency-wait}: it then sees the other commit (false) or roll back (true: it acts itself), as a
     * retry would; still running after that, a 409 {@code idempotency_in_progress}.
     */
    public Uni<Boolean> claim(String agentId, String key, String ceType, String recordKey) {
        return Panache.getSession().flatMap(session -> session.createNativeQuery(WAIT)
                .setParameter("wait", config.idempotencyWait().toMillis() + "ms").getSingleResult()
                .flatMap(ignored -> session.createNativeQuery(CLAIM).setParameter("agent", agentId)
                        .setParameter("key", key).setParameter("type", ceType).setParameter("recordKey", recordKey)
                        .executeUpdate())
                .call(ignored -> session.createNativeQuery(STOP_WAITING).getSingleResult()))
                .onFailure(IdempotencyKeys::lockTimedOut).transform(e -> new ApiException(409,
                        "idempotency_in_progress", "a request with Idempotency-Key " + key
                                + " is still being processed; retry with the same key to get its answer"))
                .flatMap(claimed -> claimed == 1 ? Uni.createFrom().item(true)
                        : IdempotencyKey.<IdempotencyKey>findById(new IdempotencyKey.Id(agentId, key)).map(existing -> {
                            if (existing != null && (!existing.ceType.equals(ceType)
                                    || !existing.recordKey.equals(recordKey))) {
                                throw ApiException.conflict("idempotency_key_reused",
                                        "Idempotency-Key " + key + " was already used for another request");
                            }
                            return false;
                        }));
    }

    /** PostgreSQL's lock_not_available: the claim's wait for the other transaction ran out. */
    private static boolean lockTimedOut(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && "55P03".equals(sql.getSQLState())) {
                return true;
            }
            if (cause instanceof PgException pg && "55P03".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        Instant before = Instant.now().minus(config.idempotencyRetention());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM agent.idempotency_keys WHERE (agent_id, idempotency_key) IN (SELECT agent_id, "
                        + "idempotency_key FROM agent.idempotency_keys WHERE created_at < ?1 LIMIT " + PRUNE_BATCH
                        + ")")
                .setParameter(1, before).executeUpdate()))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("idempotency keys not pruned, trying again later: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
