package io.switchboard.routing.conversation;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.queuestats.QueueChanges;
import io.switchboard.routing.store.Times;
import io.switchboard.routing.store.Transactions;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Lapses unanswered offers, takes due escalation steps, applies the queues' maximum wait and inactivity timeouts and
 * offers waiting conversations again, on every replica: the conditional updates make concurrent sweeps harmless. This
 * is also what catches up after a crash between a commit and the dispatch after it. Then refreshes the queue gauges.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final OfferAnswers offers;
    private final Escalation escalation;
    private final Abandonment abandonment;
    private final ServiceLevelStore serviceLevels;
    private final RoutingConfig config;
    private final Dispatch dispatch;
    private final Transactions transactions;
    private final RoutingMetrics metrics;
    private final QueueCatalog queues;
    private final QueueChanges queueChanges;

    public Sweeper(OfferAnswers offers, Escalation escalation, Abandonment abandonment, Dispatch dispatch,
            Transactions transactions, RoutingMetrics metrics, QueueCatalog queues, ServiceLevelStore serviceLevels,
            RoutingConfig config, QueueChanges queueChanges) {
        this.queueChanges = queueChanges;
        this.offers = offers;
        this.escalation = escalation;
        this.abandonment = abandonment;
        this.serviceLevels = serviceLevels;
        this.config = config;
        this.dispatch = dispatch;
        this.transactions = transactions;
        this.metrics = metrics;
        this.queues = queues;
    }

    @Scheduled(every = "${switchboard.routing.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes before the scheduler stops.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void sweep() {
        try {
            // Queue changes saved by another replica.
            queues.refresh();
            offers.expireOffers();
            escalation.escalate();
            // Before dispatch: capacity released by inactivity goes to the waiting at once.
            abandonment.sweep();
            dispatch.dispatchWaiting();
            Map<String, RoutingMetrics.Waiting> waiting = new HashMap<>();
            for (Row row : transactions.inTransaction(db -> db.query("SELECT queue_id, count(*) AS waiting,"
                    + " min(queued_at) AS oldest FROM routing.conversations WHERE state = 'queued'"
                    + " GROUP BY queue_id"))) {
                waiting.put(row.getString("queue_id"), new RoutingMetrics.Waiting(row.getLong("waiting"),
                        Times.toInstant(row.getOffsetDateTime("oldest"))));
            }
            metrics.waiting(waiting);
            List<QueueVersion> targeted = queues.latest().stream()
                    .filter(q -> q.definition().serviceLevelTarget() != null).toList();
            if (!targeted.isEmpty()) {
                metrics.serviceLevels(transactions.inTransaction(
                        db -> serviceLevels.over(db, targeted, config.serviceLevelWindow().toMillis())));
            }
            // A service level moves as its window slides; published only if a queue's figures differ.
            queueChanges.touched();
        } catch (RuntimeException e) {
            LOG.warnf("sweep failed, retrying on the next tick: %s", e.toString());
        }
    }
}
