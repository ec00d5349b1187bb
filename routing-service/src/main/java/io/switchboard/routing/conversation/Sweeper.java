package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.store.Transactions;

/**
 * Lapses unanswered offers, takes due escalation steps and offers waiting conversations again, on every replica: the conditional updates make
 * concurrent sweeps harmless. This is also what catches up after a crash between a commit and the dispatch after it.
 */
@ApplicationScoped
public class Sweeper {

    private static final Logger LOG = Logger.getLogger(Sweeper.class);

    private final Router router;
    private final Transactions transactions;
    private final RoutingMetrics metrics;
    private final QueueCatalog queues;

    public Sweeper(Router router, Transactions transactions, RoutingMetrics metrics, QueueCatalog queues) {
        this.router = router;
        this.transactions = transactions;
        this.metrics = metrics;
        this.queues = queues;
    }

    @Scheduled(every = "${switchboard.routing.sweep-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void sweep() {
        try {
            // Queue changes saved by another replica.
            queues.refresh();
            router.expireOffers();
            router.escalate();
            router.dispatchWaiting();
            metrics.waiting(transactions.inTransaction(db -> db.one(
                    "SELECT count(*) AS waiting FROM routing.conversations WHERE state = 'queued'").getLong("waiting")));
        } catch (RuntimeException e) {
            LOG.warnf("sweep failed, retrying on the next tick: %s", e.toString());
        }
    }
}
