package io.switchboard.routing.conversation;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.MessageReceived;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.MaxWait;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;

/**
 * The queues' timers, run by the sweeper: a conversation waiting past its queue's maximum wait overflows to the
 * configured queue or is abandoned ({@code max_wait_exceeded}, the customer told the queue's message); an assigned one
 * whose customer went silent past the inactivity timeout is abandoned ({@code customer_inactive}) and its agent's
 * capacity released. Each conversation in its own transaction, decided by a conditional update.
 */
@ApplicationScoped
public class Abandonment {

    private static final Logger LOG = Logger.getLogger(Abandonment.class);

    private final Transactions transactions;
    private final AbandonmentStore store;
    private final HeldMessageStore held;
    private final CapacityStore capacity;
    private final Selections selections;
    private final QueueCatalog queues;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingMetrics metrics;

    public Abandonment(Transactions transactions, AbandonmentStore store, HeldMessageStore held,
            CapacityStore capacity, Selections selections, QueueCatalog queues, Outbox outbox, OutboxRelay relay,
            RoutingMetrics metrics) {
        this.transactions = transactions;
        this.store = store;
        this.held = held;
        this.capacity = capacity;
        this.selections = selections;
        this.queues = queues;
        this.outbox = outbox;
        this.relay = relay;
        this.metrics = metrics;
    }

    /** Applies every timer that is due. Returns how many conversations left their queue or agent. */
    public int sweep() {
        int changed = maxWait() + inactivity();
        if (changed > 0) {
            relay.wake();
        }
        return changed;
    }

    private int maxWait() {
        List<QueueVersion> timed = queues.latest().stream().filter(q -> q.definition().maxWait() != null).toList();
        if (timed.isEmpty()) {
            return 0;
        }
        List<AbandonmentStore.Due> due = transactions.inTransaction(db -> store.overdue(db, ids(timed),
                millis(timed, q -> q.definition().maxWait().after().toMillis())));
        int changed = 0;
        for (AbandonmentStore.Due row : due) {
            MaxWait maxWait = queues.known(row.queueId()).map(q -> q.definition().maxWait()).orElse(null);
            Left left = maxWait == null ? Left.STAYED : transactions.inTransaction(db -> leaveQueue(db, row, maxWait));
            if (left == Left.ABANDONED) {
                metrics.abandoned(row.queueId(), RoutingEvents.MAX_WAIT_EXCEEDED);
            }
            if (left != Left.STAYED) {
                changed++;
            }
        }
        return changed;
    }

    /** What the maximum wait did to one conversation. */
    private enum Left {
        STAYED, OVERFLOWED, ABANDONED
    }

    private Left leaveQueue(Db db, AbandonmentStore.Due row, MaxWait maxWait) {
        long limit = maxWait.after().toMillis();
        String waited = "waited " + Selection.format(maxWait.after()) + " in queue " + row.queueId();
        if (maxWait.overflows()) {
            QueueVersion target = queues.current(db, maxWait.overflowTo()).orElse(null);
            if (target == null) {
                LOG.warnf("conversation %s cannot overflow to missing queue %s", row.conversationId(),
                        maxWait.overflowTo());
                return Left.STAYED;
            }
            Conversation after = store.overflowWaiting(db, row.conversationId(), row.queueId(), limit, target);
            if (after == null) {
                return Left.STAYED;
            }
            outbox.append(db, RoutingEvents.overflowed(after, row.queueId(),
                    waited + " (maximum wait): " + maxWait.describe(), selections.of(db, after).explain(null)));
            return Left.OVERFLOWED;
        }
        AbandonmentStore.Abandoned abandoned = store.abandonWaiting(db, row.conversationId(), row.queueId(), limit);
        if (abandoned == null) {
            return Left.STAYED;
        }
        Conversation conversation = abandoned.conversation();
        // Its held messages go with it; the last names the customer to tell.
        List<MessageReceived> messages = held.take(db, conversation.id()).stream()
                .filter(MessageReceived.class::isInstance).map(MessageReceived.class::cast).toList();
        outbox.append(db, RoutingEvents.abandoned(conversation, null, RoutingEvents.MAX_WAIT_EXCEEDED,
                abandoned.queuedAt()));
        if (maxWait.abandonMessage() != null && !messages.isEmpty()) {
            outbox.append(db, RoutingEvents.abandonedReply(conversation, messages.get(messages.size() - 1).customer(),
                    maxWait.abandonMessage()));
        }
        return Left.ABANDONED;
    }

    private int inactivity() {
        List<QueueVersion> timed = queues.latest().stream().filter(q -> q.definition().inactivityTimeout() != null)
                .toList();
        if (timed.isEmpty()) {
            return 0;
        }
        List<AbandonmentStore.Due> due = transactions.inTransaction(db -> store.inactive(db, ids(timed),
                millis(timed, q -> q.definition().inactivityTimeout().toMillis())));
        int changed = 0;
        for (AbandonmentStore.Due row : due) {
            Long limit = queues.known(row.queueId()).map(q -> q.definition().inactivityTimeout())
                    .map(Duration::toMillis).orElse(null);
            if (limit != null && transactions.inTransaction(db -> {
                AbandonmentStore.Abandoned abandoned = store.abandonInactive(db, row.conversationId(), row.agentId(),
                        limit);
                if (abandoned == null) {
                    return false;
                }
                capacity.release(db, row.agentId(), abandoned.conversation().channel());
                outbox.append(db, RoutingEvents.abandoned(abandoned.conversation(), row.agentId(),
                        RoutingEvents.CUSTOMER_INACTIVE, abandoned.queuedAt()));
                return true;
            })) {
                metrics.abandoned(row.queueId(), RoutingEvents.CUSTOMER_INACTIVE);
                changed++;
            }
        }
        return changed;
    }

    private static String[] ids(List<QueueVersion> queues) {
        return queues.stream().map(QueueVersion::id).toArray(String[]::new);
    }

    private static Long[] millis(List<QueueVersion> queues, Function<QueueVersion, Long> limit) {
        return queues.stream().map(limit).toArray(Long[]::new);
    }
}
