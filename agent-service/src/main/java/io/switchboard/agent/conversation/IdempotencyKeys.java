package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.config.AgentConfig;

/**
 * The actions' Idempotency-Keys: recorded in the action's transaction, so a retried click is answered as before and
 * publishes nothing; pruned after {@code idempotency-retention}.
 */
@ApplicationScoped
public class IdempotencyKeys {

    private static final Logger LOG = Logger.getLogger(IdempotencyKeys.class);
    /** Keys deleted per prune statement, so pruning never holds long locks. */
    private static final int PRUNE_BATCH = 5000;

    private final AgentConfig config;

    public IdempotencyKeys(AgentConfig config) {
        this.config = config;
    }

    /**
     * Whether an action with this key was already recorded: true when it was the same kind of action on the same
     * conversation (a retried click, answered as before), a 409 when the key was used for something else.
     */
    public Uni<Boolean> alreadyRecorded(String key, String ceType, String recordKey) {
        return IdempotencyKey.<IdempotencyKey>findById(key).map(existing -> {
            if (existing == null) {
                return false;
            }
            if (existing.ceType.equals(ceType) && existing.recordKey.equals(recordKey)) {
                return true;
            }
            throw ApiException.conflict("idempotency_key_reused",
                    "Idempotency-Key " + key + " was already used for another request");
        });
    }

    /** Records {@code key}; a concurrent request with the same key fails on the primary key and is not published. */
    public Uni<Void> record(String key, String ceType, String recordKey) {
        IdempotencyKey row = new IdempotencyKey();
        row.key = key;
        row.ceType = ceType;
        row.recordKey = recordKey;
        row.createdAt = Instant.now();
        return row.persist().replaceWithVoid();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> prune() {
        Instant before = Instant.now().minus(config.idempotencyRetention());
        return Panache.withTransaction(() -> Panache.getSession().flatMap(session -> session.createNativeQuery(
                "DELETE FROM agent.idempotency_keys WHERE idempotency_key IN (SELECT idempotency_key FROM "
                        + "agent.idempotency_keys WHERE created_at < ?1 LIMIT " + PRUNE_BATCH + ")")
                .setParameter(1, before).executeUpdate()))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("idempotency keys not pruned, trying again later: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
