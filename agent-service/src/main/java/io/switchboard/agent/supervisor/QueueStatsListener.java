package io.switchboard.agent.supervisor;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.QueueStatsChanged;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;

/**
 * Keeps {@code agent.queue_stats} at routing's latest figures per queue ({@code switchboard.queue-stats.v1}) and
 * tells the supervisors' feed. No inbox claim: applying a publication twice changes nothing, and one older than the
 * stored one (another routing replica's, published late) is ignored. Failures follow {@link ConsumerPolicy}.
 */
@ApplicationScoped
public class QueueStatsListener {

    public static final String CHANNEL = "queue-stats";
    private static final int MAX_ID = 255;

    private final ConsumerPolicy policy;
    private final SupervisorFeed feed;

    public QueueStatsListener(ConsumerPolicy policy, SupervisorFeed feed) {
        this.policy = policy;
        this.feed = feed;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        return policy.handleReactive(CHANNEL, record, () -> {
            QueueStatsChanged stats = decode(record);
            return stats == null ? Uni.createFrom().voidItem() : Panache.withTransaction(() -> apply(stats));
        });
    }

    private static QueueStatsChanged decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A tombstone: compaction forgets a queue; the row stays until routing publishes the queue again.
            return null;
        }
        SwitchboardEvent event;
        try {
            event = CloudEventCodec.read(record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new PoisonRecordException("unreadable event: " + e.getMessage(), e);
        }
        if (!(event instanceof QueueStatsChanged stats)) {
            throw new PoisonRecordException(event.eventType().ceType() + " does not belong on the queue-stats topic");
        }
        if (stats.queueId() == null || stats.queueId().length() > MAX_ID || stats.queueId().indexOf('\u0000') >= 0
                || stats.occurredAt() == null) {
            throw new PoisonRecordException("queueId must be 1-" + MAX_ID + " characters without NUL, with occurredAt");
        }
        return stats;
    }

    private Uni<Void> apply(QueueStatsChanged stats) {
        return QueueStatsRow.<QueueStatsRow>findById(stats.queueId()).flatMap(existing -> {
            if (existing != null && !stats.occurredAt().isAfter(existing.computedAt)) {
                return Uni.createFrom().voidItem();
            }
            QueueStatsRow row = existing == null ? new QueueStatsRow() : existing;
            row.queueId = stats.queueId();
            row.depth = stats.depth();
            row.oldestWaitingSince = stats.oldestWaitingSince();
            row.serviceLevelMet = stats.serviceLevelMet();
            row.serviceLevelCounted = stats.serviceLevelCounted();
            row.serviceLevelTarget = stats.serviceLevelTarget();
            row.agentsAvailable = stats.agentsAvailable();
            row.assigned = stats.assigned();
            row.computedAt = stats.occurredAt();
            row.updatedAt = Instant.now();
            Uni<Void> saved = existing == null ? row.persist().replaceWithVoid() : Uni.createFrom().voidItem();
            return saved.call(() -> feed.queueChanged(SupervisorQueue.of(row, Instant.now())));
        });
    }
}
