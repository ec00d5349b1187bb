package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.events.TransferRequested;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;

/**
 * A conversation leaves its agent: resolved, transferred (to a named agent or a queue), or taken back because the
 * agent went offline or was removed. Capacity is released in the same transaction.
 */
@ApplicationScoped
public class Handover {

    private final Transactions transactions;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final OfferStore offers;
    private final CapacityStore capacity;
    private final Selections selections;
    private final Assignments assignments;
    private final Dispatch dispatch;
    private final QueueCatalog queues;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ThreadControls threadControls;

    public Handover(Transactions transactions, InboxStore inbox, ConversationStore conversations, OfferStore offers,
            CapacityStore capacity, Selections selections, Assignments assignments, Dispatch dispatch,
            QueueCatalog queues, Outbox outbox, OutboxRelay relay, ThreadControls threadControls) {
        this.threadControls = threadControls;
        this.transactions = transactions;
        this.inbox = inbox;
        this.conversations = conversations;
        this.offers = offers;
        this.capacity = capacity;
        this.selections = selections;
        this.assignments = assignments;
        this.dispatch = dispatch;
        this.queues = queues;
        this.outbox = outbox;
        this.relay = relay;
    }

    /** The assigned agent closes the conversation; their capacity is released. */
    public void resolve(ResolutionRequested action) {
        boolean resolved = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, action.eventId())) {
                return false;
            }
            Conversation conversation = conversations.resolve(db, action.conversationId(), action.agentId());
            if (conversation == null) {
                outbox.append(db, RoutingEvents.rejected(action, "not_assigned", null));
                return false;
            }
            capacity.release(db, action.agentId(), conversation.channel());
            outbox.append(db, RoutingEvents.resolved(conversation, action));
            // A Messenger or Instagram thread Switchboard took goes back to the primary app (docs/channels.md §3.8).
            threadControls.resolved(db, conversation, action.eventId());
            return true;
        });
        relay.wake();
        if (resolved) {
            dispatch.dispatchWaiting();
        }
    }

    /**
     * The assigned agent hands the conversation on: to a named agent, assigned at once if that agent has room, or
     * back to the queue to be offered again.
     */
    public void transfer(TransferRequested action) {
        boolean requeued = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, action.eventId())) {
                return false;
            }
            Conversation conversation = conversations.find(db, action.conversationId());
            if (conversation == null || !conversation.is(ConversationState.ASSIGNED)
                    || !action.agentId().equals(conversation.agentId())) {
                outbox.append(db, RoutingEvents.rejected(action, "not_assigned", null));
                return false;
            }
            return action.toAgentId() == null ? toQueue(db, conversation, action) : toAgent(db, conversation, action);
        });
        relay.wake();
        if (requeued) {
            dispatch.dispatchWaiting();
        }
    }

    private boolean toQueue(Db db, Conversation conversation, TransferRequested action) {
        QueueVersion target = queues.current(db,
                action.toQueueId() == null ? conversation.queueId() : action.toQueueId()).orElse(null);
        if (target == null) {
            outbox.append(db, RoutingEvents.rejected(action, "unknown_queue", null));
            return false;
        }
        Conversation waiting = conversations.moveToQueue(db, conversation.id(), action.agentId(), target);
        capacity.release(db, action.agentId(), conversation.channel());
        outbox.append(db, RoutingEvents.transferredToQueue(conversation, action, target.id()));
        assignments.queued(db, waiting, "transferred", action.eventId(), action.eventId());
        return true;
    }

    // Returns false: nothing new waits.
    private boolean toAgent(Db db, Conversation conversation, TransferRequested action) {
        Selection selection = selections.of(db, conversation);
        if (!capacity.reserve(db, action.toAgentId(), conversation.channel())) {
            outbox.append(db, RoutingEvents.rejected(action, "target_at_capacity", selection.explain(null)));
            return false;
        }
        // The conversation row is claimed by its own conditional update; losing it undoes the reservation.
        if (!conversations.reassign(db, conversation.id(), action.agentId(), action.toAgentId())) {
            capacity.release(db, action.toAgentId(), conversation.channel());
            outbox.append(db, RoutingEvents.rejected(action, "not_assigned", null));
            return false;
        }
        capacity.release(db, action.agentId(), conversation.channel());
        RoutingExplanation explanation = RoutingEvents.namedAgent(conversation, selection.ruleVersion(),
                selection.explain(action.toAgentId()), action.toAgentId());
        outbox.append(db, RoutingEvents.transferredToAgent(conversation, action, explanation));
        outbox.append(db, RoutingEvents.assigned(conversation, action.toAgentId(), null, action.eventId(),
                explanation));
        capacity.assigned(db, action.toAgentId());
        return false;
    }

    /**
     * An agent went offline or was removed: their pending offers are withdrawn and their assigned conversations go
     * back to the queue (keeping their age), each to be offered to someone else. Runs in the caller's transaction,
     * the one that records the presence change, so a crash cannot leave one done without the other; call
     * {@link #afterAgentLeft} after the commit. {@code cause} is the agent event. Returns how many were requeued.
     */
    public int agentLeft(Db db, String agentId, String cause) {
        int count = 0;
        for (OfferStore.Withdrawn offer : offers.withdrawPendingOf(db, agentId)) {
            Conversation conversation = assignments.requeue(db, offer.conversationId(), agentId);
            outbox.append(db, RoutingEvents.withdrawn(conversation, offer.offerId(), agentId));
            assignments.queued(db, conversation, RoutingEvents.AGENT_OFFLINE, cause, offer.offerId() + ":withdrawn");
            count++;
        }
        for (Conversation conversation : conversations.requeueAssignedOf(db, agentId)) {
            capacity.release(db, agentId, conversation.channel());
            outbox.append(db, RoutingEvents.agentWentOffline(conversation, agentId, cause));
            assignments.queued(db, conversation, RoutingEvents.AGENT_OFFLINE, cause, cause);
            count++;
        }
        return count;
    }

    /** After the commit of {@link #agentLeft}: publishes, and offers the requeued conversations to others. */
    public void afterAgentLeft(int requeued) {
        if (requeued > 0) {
            relay.wake();
            dispatch.dispatchWaiting();
        }
    }
}
