package io.switchboard.routing.conversation;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;
import io.vertx.core.json.JsonObject;

/**
 * Offers waiting conversations to agents, each in its own transaction, safe on several replicas at once: the
 * conversation is claimed by a conditional update, capacity by another, so who gets what is decided by row counts,
 * never by a value read earlier in Java.
 */
@ApplicationScoped
public class Dispatch {

    // Heads read per queue and channel in one pass; a pass that served all of a group's heads is followed by another.
    private static final int HEADS_PER_GROUP = 10;
    private static final int MAX_PASSES = 20;
    private static final String[] CHANNELS = Arrays.stream(Channel.values()).map(Channel::wireName)
            .toArray(String[]::new);

    /** What one offer attempt did. */
    enum Outcome {
        NONE, OFFERED, ASSIGNED
    }

    /**
     * An attempt and whether its failure holds for the conversations behind it with the same rule (queue, channel,
     * escalation step): nobody eligible had room, and nobody was left out only for having missed this one.
     */
    private record Attempt(Outcome outcome, boolean blocksAlike) {
    }

    /** Conversations that ask the same of an agent: the same queue, channel and escalation step. */
    private record Alike(String queueId, String channel, int step) {
    }

    private final Transactions transactions;
    private final ConversationStore conversations;
    private final OfferStore offers;
    private final CapacityStore capacity;
    private final Selections selections;
    private final Assignments assignments;
    private final QueueCatalog queues;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingMetrics metrics;

    public Dispatch(Transactions transactions, ConversationStore conversations, OfferStore offers,
            CapacityStore capacity, Selections selections, Assignments assignments, QueueCatalog queues,
            Outbox outbox, OutboxRelay relay, RoutingMetrics metrics) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.offers = offers;
        this.capacity = capacity;
        this.selections = selections;
        this.assignments = assignments;
        this.queues = queues;
        this.outbox = outbox;
        this.relay = relay;
        this.metrics = metrics;
    }

    /**
     * Offers waiting conversations: the heads of every open queue on every channel, highest priority first, then
     * oldest first. A conversation nobody can take stops only those behind it with the same rule, so a queue nobody
     * can serve (a skill nobody has, a channel without agents) never holds up another; closed queues are not read.
     */
    public void dispatchWaiting() {
        for (int pass = 0; pass < MAX_PASSES && dispatchPass(); pass++) {
            // Again while a pass served every head it read of some queue: more may wait behind them.
        }
    }

    /** One read of the heads and an attempt on each; true when some queue's heads were all served. */
    private boolean dispatchPass() {
        String[] open = queues.latest().stream().filter(selections::open).map(QueueVersion::id)
                .toArray(String[]::new);
        if (open.length == 0) {
            return false;
        }
        List<ConversationStore.Head> heads = transactions.inTransaction(
                db -> conversations.heads(db, open, CHANNELS, HEADS_PER_GROUP));
        Set<Alike> blocked = new HashSet<>();
        Map<String, Integer> served = new HashMap<>();
        for (ConversationStore.Head head : heads) {
            Alike alike = new Alike(head.queueId(), head.channel(), head.step());
            if (blocked.contains(alike)) {
                continue;
            }
            Attempt attempt = transactions.inTransaction(db -> attempt(db, head.conversationId(), null, null));
            published(attempt.outcome());
            if (attempt.outcome() != Outcome.NONE) {
                served.merge(head.queueId() + "/" + head.channel(), 1, Integer::sum);
            } else if (attempt.blocksAlike()) {
                blocked.add(alike);
            }
        }
        return served.values().stream().anyMatch(count -> count >= HEADS_PER_GROUP);
    }

    /** Offers one waiting conversation in its own transaction. Returns whether an agent got it. */
    public boolean tryOffer(String conversationId) {
        Outcome outcome = transactions.inTransaction(db -> offer(db, conversationId));
        published(outcome);
        return outcome != Outcome.NONE;
    }

    /** After the commit of an {@link #offer}: publishes and counts. */
    void published(Outcome outcome) {
        if (outcome != Outcome.NONE) {
            relay.wake();
        }
        if (outcome == Outcome.OFFERED) {
            metrics.offer("offered");
        } else if (outcome == Outcome.ASSIGNED) {
            metrics.assigned();
        }
    }

    /**
     * Offers one waiting conversation to the best eligible agent with room, or assigns it at once when the queue
     * says so, inside the caller's transaction.
     */
    Outcome offer(Db db, String conversationId) {
        return offer(db, conversationId, null, null);
    }

    /**
     * As {@link #offer(Db, String)}, for a conversation opened in this transaction: {@code selection} is the ranking
     * already judged in it (the candidates are not read twice), and {@code message}, its first message, goes to the
     * agent directly when it is assigned now (else the caller holds it).
     */
    Outcome offer(Db db, String conversationId, Selection judged, MessageReceived message) {
        return attempt(db, conversationId, judged, message).outcome();
    }

    private Attempt attempt(Db db, String conversationId, Selection judged, MessageReceived message) {
        // A replica that loses the claim finds it no longer queued and changes nothing.
        Conversation conversation = conversations.claim(db, conversationId);
        if (conversation == null) {
            return new Attempt(Outcome.NONE, false);
        }
        QueueVersion queue = selections.queueOf(db, conversation);
        if (!selections.open(queue)) {
            conversations.unclaim(db, conversationId);
            return new Attempt(Outcome.NONE, true);
        }
        Selection selection = judged != null ? judged : selections.of(db, conversation);
        CandidateSnapshot snapshot = CandidateSnapshot.ifRead(db, conversation.channel());
        boolean direct = queue.definition().directAssignment();
        String winner = null;
        for (String agentId : selection.rankedAgentIds()) {
            // A direct assignment takes the capacity and the conversation in one round trip.
            boolean reserved = direct ? capacity.reserveAndAssign(db, agentId, conversation.channel(), conversationId)
                    : capacity.reserve(db, agentId, conversation.channel());
            if (snapshot != null) {
                if (reserved) {
                    snapshot.reserved(agentId);
                } else {
                    snapshot.full(agentId);
                }
            }
            if (reserved) {
                winner = agentId;
                break;
            }
        }
        if (winner == null) {
            conversations.unclaim(db, conversationId);
            return new Attempt(Outcome.NONE, !selection.missedBySomeone());
        }
        RoutingExplanation explanation = selection.explain(winner);
        if (direct) {
            assignments.announce(db, conversation, winner, null, null, explanation, message);
            return new Attempt(Outcome.ASSIGNED, false);
        }
        String offerId = "offer-" + UUID.randomUUID();
        OfferStore.Made made = offers.insert(db, offerId, conversationId, winner, conversation.channel().wireName(),
                new JsonObject(new String(json(explanation), StandardCharsets.UTF_8)),
                queue.definition().offerTimeout().toMillis());
        outbox.append(db, RoutingEvents.offered(conversation, offerId, winner, made, explanation));
        return new Attempt(Outcome.OFFERED, false);
    }

    private static byte[] json(RoutingExplanation explanation) {
        try {
            return CloudEventCodec.JSON.writeValueAsBytes(explanation);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
