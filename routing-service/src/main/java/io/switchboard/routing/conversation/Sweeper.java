package io.switchboard.routing.conversation;

import java.util.HashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.store.Times;
import io.switchboard.routing.store.Transactions;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Lapses unanswered offers, takes due escalation steps and offers waiting conversations again, on every replica: the
 * conditional updates make concurrent sweeps harmless. This is also what catches up after a crash between a commit and the dispatch after it.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final OfferAnswers offers;
    private final Escalation escalation;
    private final Dispatch dispatch;
    private final Transactions transactions;
    private final RoutingMetrics metrics;
    private final QueueCatalog queues;

    public Sweeper(OfferAnswers offers, Escalation escalation, Dispatch dispatch, Transactions transactions,
            RoutingMetrics metrics, QueueCatalog queues) {
        this.offers = offers;
        this.escalation = escalation;
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
            dispatch.dispatchWaiting();
            Map<String, RoutingMetrics.Waiting> waiting = new HashMap<>();
            for (Row row : transactions.inTransaction(db -> db.query("SELECT queue_id, count(*) AS waiting,"
                    + " min(queued_at) AS oldest FROM routing.conversations WHERE state = 'queued'"
                    + " GROUP BY queue_id"))) {
                waiting.put(row.getString("queue_id"), new RoutingMetrics.Waiting(row.getLong("waiting"),
                        Times.toInstant(row.getOffsetDateTime("oldest"))));
            }
            metrics.waiting(waiting);
        } catch (RuntimeException e) {
            LOG.warnf("sweep failed, retrying on the next tick: %s", e.toString());
        }
    }
}
