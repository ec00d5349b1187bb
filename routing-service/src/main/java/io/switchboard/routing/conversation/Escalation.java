package io.switchboard.routing.conversation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.EscalationStep;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.Transactions;

/**
 * Takes the next step of a queue's escalation ladder for a conversation that waited long enough at its current one:
 * lower or drop a skill requirement, or overflow to another queue (whose own ladder starts).
 */
@ApplicationScoped
public class Escalation {

    private static final Logger LOG = Logger.getLogger(Escalation.class);

    private final Transactions transactions;
    private final ConversationStore conversations;
    private final Selections selections;
    private final QueueCatalog queues;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public Escalation(Transactions transactions, ConversationStore conversations, Selections selections,
            QueueCatalog queues, Outbox outbox, OutboxRelay relay) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.selections = selections;
        this.queues = queues;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** Escalates every conversation that is due, each in its own transaction. Returns how many escalated. */
    public int escalate() {
        String[] withLadders = queues.latest().stream().filter(q -> !q.definition().escalation().isEmpty())
                .map(QueueVersion::id).toArray(String[]::new);
        if (withLadders.length == 0) {
            return 0;
        }
        List<ConversationStore.Waiting> waiting = transactions.inTransaction(
                db -> conversations.waitingOnLadders(db, withLadders));
        int escalated = 0;
        for (ConversationStore.Waiting row : waiting) {
            int step = row.step();
            List<EscalationStep> ladder = queues.known(row.queueId())
                    .map(queue -> queue.definition().escalation()).orElse(List.of());
            if (step < ladder.size() && row.waitedMillis() >= ladder.get(step).after().toMillis()
                    && escalate(row.conversationId(), step, ladder.get(step))) {
                escalated++;
            }
        }
        if (escalated > 0) {
            relay.wake();
        }
        return escalated;
    }

    private boolean escalate(String conversationId, int step, EscalationStep next) {
        return transactions.inTransaction(db -> {
            Conversation before = conversations.find(db, conversationId);
            if (before == null || !before.is(ConversationState.QUEUED) || before.escalationStep() != step) {
                return false;
            }
            boolean overflow = next.overflowTo() != null;
            QueueVersion target = queues.current(db, overflow ? next.overflowTo() : before.queueId()).orElse(null);
            if (target == null) {
                LOG.warnf("conversation %s cannot overflow to missing queue %s", conversationId, next.overflowTo());
                return false;
            }
            // Overflow starts the other queue's own ladder; the other steps move up this one. The conditional update
            // makes a concurrent sweep of another replica a no-op.
            Conversation after = conversations.escalate(db, conversationId, step, overflow ? 0 : step + 1, target,
                    before.queueId());
            if (after == null) {
                return false;
            }
            outbox.append(db, RoutingEvents.escalated(after, before.queueId(), overflow, step + 1,
                    "waited " + Selection.format(next.after()) + " at step " + step + ": " + next.describe(),
                    selections.of(db, after).explain(null)));
            return true;
        });
    }
}
