package io.switchboard.routing.conversation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.store.Transactions;
import io.vertx.core.json.JsonObject;

/**
 * What becomes of an offer: accepted (assigned), declined or lapsed (capacity released, back to the queue, the next
 * agent). Each answer is one transaction; the offer row's conditional update picks the one answer that counts.
 */
@ApplicationScoped
public class OfferAnswers {

    private static final int EXPIRY_BATCH = 100;

    private final Transactions transactions;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final OfferStore offers;
    private final Assignments assignments;
    private final Dispatch dispatch;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingMetrics metrics;

    public OfferAnswers(Transactions transactions, InboxStore inbox, ConversationStore conversations,
            OfferStore offers, Assignments assignments, Dispatch dispatch, Outbox outbox, OutboxRelay relay,
            RoutingMetrics metrics) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.conversations = conversations;
        this.offers = offers;
        this.assignments = assignments;
        this.dispatch = dispatch;
        this.outbox = outbox;
        this.relay = relay;
        this.metrics = metrics;
    }

    /** An agent accepted: assigned if the offer is still theirs and pending, else rejected. */
    public void accept(OfferAccepted action) {
        Boolean assigned = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, action.eventId())) {
                return null;
            }
            JsonObject stored = offers.accept(db, action.offerId(), action.conversationId(), action.agentId());
            if (stored == null) {
                outbox.append(db, RoutingEvents.rejected(action, "offer_expired", null));
                return false;
            }
            Conversation conversation = conversations.find(db, action.conversationId());
            RoutingExplanation explanation = CloudEventCodec.JSON.convertValue(stored.getMap(),
                    RoutingExplanation.class);
            assignments.assign(db, conversation, action.agentId(), action.offerId(), action.eventId(), explanation);
            return true;
        });
        relay.wake();
        if (Boolean.TRUE.equals(assigned)) {
            metrics.offer("accepted");
            metrics.assigned();
        }
    }

    /** An agent declined: the offer's capacity is released and the conversation waits for the next agent. */
    public void decline(OfferDeclined action) {
        Boolean declined = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, action.eventId())) {
                return null;
            }
            if (!offers.decline(db, action.offerId(), action.conversationId(), action.agentId())) {
                outbox.append(db, RoutingEvents.rejected(action, "offer_expired", null));
                return false;
            }
            Conversation conversation = assignments.requeue(db, action.conversationId(), action.agentId());
            outbox.append(db, RoutingEvents.declined(conversation, action));
            assignments.queued(db, conversation, "offer_declined", action.eventId(), action.offerId());
            return true;
        });
        relay.wake();
        if (Boolean.TRUE.equals(declined)) {
            metrics.offer("declined");
            dispatch.dispatchWaiting();
        }
    }

    /** Lapses every pending offer past its time, each in its own transaction. Returns how many lapsed. */
    public int expireOffers() {
        List<String> due = transactions.inTransaction(db -> offers.due(db, EXPIRY_BATCH));
        int expired = 0;
        for (String offerId : due) {
            boolean lapsed = transactions.inTransaction(db -> {
                // An accept racing with this sweep: whichever updates the pending row first wins.
                OfferStore.Lapsed offer = offers.expire(db, offerId);
                if (offer == null) {
                    return false;
                }
                Conversation conversation = assignments.requeue(db, offer.conversationId(), offer.agentId());
                outbox.append(db, RoutingEvents.expired(conversation, offerId, offer));
                assignments.queued(db, conversation, "offer_expired", offerId + ":expired", offerId);
                return true;
            });
            if (lapsed) {
                relay.wake();
                metrics.offer("expired");
                expired++;
            }
        }
        return expired;
    }
}
