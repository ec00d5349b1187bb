package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.InboundEvent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.store.Db;

/**
 * The state changes several use cases share, inside the caller's transaction: giving a claimed conversation to an
 * agent, putting it back in its queue after an offer came to nothing, announcing that it waits.
 */
@ApplicationScoped
public class Assignments {

    private final ConversationStore conversations;
    private final CapacityStore capacity;
    private final HeldMessageStore held;
    private final Selections selections;
    private final Outbox outbox;

    public Assignments(ConversationStore conversations, CapacityStore capacity, HeldMessageStore held,
            Selections selections, Outbox outbox) {
        this.conversations = conversations;
        this.capacity = capacity;
        this.held = held;
        this.selections = selections;
        this.outbox = outbox;
    }

    /** Assigns a claimed (offered) conversation; the messages that arrived while it waited go to the agent now. */
    void assign(Db db, Conversation conversation, String agentId, String offerId, String actionEventId,
            RoutingExplanation explanation) {
        conversations.assign(db, conversation.id(), agentId);
        capacity.assigned(db, agentId);
        announce(db, conversation, agentId, offerId, actionEventId, explanation, null);
    }

    /**
     * What follows an assignment whose rows are written ({@link CapacityStore#reserveAndAssign}, or above): the
     * event, and the messages to the agent. {@code first} is the message that opened the conversation in this
     * transaction and was never held (nothing else is held for it), routed without a round trip to the held messages.
     */
    void announce(Db db, Conversation conversation, String agentId, String offerId, String actionEventId,
            RoutingExplanation explanation, MessageReceived first) {
        CandidateSnapshot snapshot = CandidateSnapshot.ifRead(db, conversation.channel());
        if (snapshot != null) {
            snapshot.assigned(agentId, Instant.now());
        }
        outbox.append(db, RoutingEvents.assigned(conversation, agentId, offerId, actionEventId, explanation));
        List<? extends InboundEvent> messages = first != null ? List.of(first) : held.take(db, conversation.id());
        for (InboundEvent message : messages) {
            outbox.append(db, RoutingEvents.routed(conversation, agentId, message));
        }
    }

    /** Back to waiting after a declined, lapsed or withdrawn offer, releasing the agent's capacity. */
    Conversation requeue(Db db, String conversationId, String agentId) {
        Conversation requeued = conversations.unclaim(db, conversationId);
        Conversation conversation = requeued != null ? requeued : conversations.find(db, conversationId);
        capacity.release(db, agentId, conversation.channel());
        return conversation;
    }

    /** Publishes that it waits, with the ranking it would get now. */
    void queued(Db db, Conversation conversation, String reason, String cause, String idPart) {
        outbox.append(db, RoutingEvents.queued(conversation, reason, cause, idPart,
                selections.of(db, conversation).explain(null)));
    }
}
