package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.AssignmentRequested;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.events.TransferRequested;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;
import io.vertx.mutiny.sqlclient.Row;

/**
 * What a supervisor decides about anyone's conversation (issue 13): force-assign it to a named agent, transfer it,
 * close it. The supervisor is the action's {@code agentId}; agent-service checked the role. Each action is decided
 * once (inbox) and answered with the lifecycle events or {@code AgentActionRejected}.
 *
 * <p>A force-assignment needs the agent to exist, be active and not offline (away or in wrap-up is fine: the
 * supervisor decided). It may exceed the agent's capacity on the channel: the load then shows more than capacity, and
 * dispatch offers the agent nothing on that channel until it is back under.
 */
@ApplicationScoped
public class SupervisorActions {

    static final String FORCED = "assigned by a supervisor";

    private final Transactions transactions;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final CapacityStore capacity;
    private final Selections selections;
    private final Assignments assignments;
    private final Handover handover;
    private final Dispatch dispatch;
    private final Outbox outbox;
    private final OutboxRelay relay;

    public SupervisorActions(Transactions transactions, InboxStore inbox, ConversationStore conversations,
            CapacityStore capacity, Selections selections, Assignments assignments, Handover handover,
            Dispatch dispatch, Outbox outbox, OutboxRelay relay) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.conversations = conversations;
        this.capacity = capacity;
        this.selections = selections;
        this.assignments = assignments;
        this.handover = handover;
        this.dispatch = dispatch;
        this.outbox = outbox;
        this.relay = relay;
    }

    public void assign(AssignmentRequested action) {
        boolean freed = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, action.eventId())) {
                return false;
            }
            Conversation conversation = conversations.find(db, action.conversationId());
            if (conversation == null || !open(conversation)) {
                outbox.append(db, RoutingEvents.rejected(action, "not_open", null));
                return false;
            }
            Row agent = db.one("SELECT presence, active FROM routing.agents WHERE agent_id = $1", action.toAgentId());
            if (agent == null || !agent.getBoolean("active")) {
                outbox.append(db, RoutingEvents.rejected(action, "unknown_agent", null));
                return false;
            }
            if ("offline".equals(agent.getString("presence"))) {
                outbox.append(db, RoutingEvents.rejected(action, "agent_offline", null));
                return false;
            }
            if (action.toAgentId().equals(conversation.agentId()) && conversation.is(ConversationState.ASSIGNED)) {
                outbox.append(db, RoutingEvents.rejected(action, "already_assigned", null));
                return false;
            }
            String previous = release(db, conversation, action.eventId());
            // Whatever it was (waiting, offered, someone's), it is now the named agent's; capacity is not checked.
            db.update("UPDATE routing.conversations SET state = 'assigned', agent_id = $2, assigned_at = now(),"
                    + " first_assigned_at = COALESCE(first_assigned_at, now())"
                    + " WHERE conversation_id = $1", conversation.id(), action.toAgentId());
            db.update("INSERT INTO routing.agent_load (agent_id, channel, active, capacity) VALUES ($1, $2, 1, 0)"
                    + " ON CONFLICT (agent_id, channel) DO UPDATE SET active = routing.agent_load.active + 1",
                    action.toAgentId(), conversation.channel().wireName());
            capacity.assigned(db, action.toAgentId());
            RoutingExplanation explanation = new RoutingExplanation(conversation.queueId(),
                    conversation.queueVersion(), conversation.escalationStep(), "supervisor",
                    List.of("named by supervisor " + action.agentId()), List.of(), 0,
                    action.toAgentId(), FORCED + (action.reason() == null ? "" : ": " + action.reason()));
            if (previous != null) {
                outbox.append(db, new ConversationTransferred(
                        action.eventId() + ":transferred", conversation.channel(), conversation.channelAccountId(),
                        conversation.key(), conversation.id(), previous, conversation.queueId(), action.toAgentId(),
                        conversation.queueId(), action.reason(), action.eventId(), explanation, Instant.now()));
            }
            assignments.announce(db, conversation, action.toAgentId(), null, action.eventId(), explanation, null);
            return previous != null;
        });
        relay.wake();
        if (freed) {
            dispatch.dispatchWaiting();
        }
    }

    /** A supervisor closes it, whoever has it: waiting, offered or assigned. */
    public void resolve(ResolutionRequested action) {
        boolean freed = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, action.eventId())) {
                return false;
            }
            Conversation conversation = conversations.find(db, action.conversationId());
            if (conversation == null || !open(conversation)) {
                outbox.append(db, RoutingEvents.rejected(action, "not_open", null));
                return false;
            }
            String previous = release(db, conversation, action.eventId());
            db.update("UPDATE routing.conversations SET state = 'resolved', closed_at = now()"
                    + " WHERE conversation_id = $1", conversation.id());
            // The event names the agent who had it (their wrap-up and load follow), the action names the supervisor.
            outbox.append(db, new ConversationResolved(conversation.id() + ":resolved",
                    conversation.channel(), conversation.channelAccountId(), conversation.key(), conversation.id(),
                    conversation.queueId(), previous, action.disposition(), action.reason(), action.eventId(),
                    Instant.now()));
            return previous != null;
        });
        relay.wake();
        if (freed) {
            dispatch.dispatchWaiting();
        }
    }

    /**
     * A supervisor moves an assigned conversation, as if its agent had asked (the events name that agent as the one
     * it left); a waiting one is moved as a force-assignment (to an agent) or stays waiting (to a queue: rejected).
     */
    public void transfer(TransferRequested action) {
        String holder = transactions.inTransaction(db -> {
            Conversation conversation = conversations.find(db, action.conversationId());
            return conversation != null && conversation.is(ConversationState.ASSIGNED) ? conversation.agentId()
                    : null;
        });
        if (holder != null) {
            handover.transfer(new TransferRequested(action.eventId(), action.channel(), action.channelAccountId(),
                    action.conversationKey(), action.conversationId(), holder, action.toAgentId(),
                    action.toQueueId(), action.reason(), action.occurredAt(), null));
        } else if (action.toAgentId() != null) {
            assign(new AssignmentRequested(action.eventId(), action.channel(), action.channelAccountId(),
                    action.conversationKey(), action.conversationId(), action.agentId(), action.toAgentId(),
                    action.reason(), action.occurredAt()));
        } else {
            transactions.inTransaction(db -> {
                if (inbox.firstTime(db, action.eventId())) {
                    outbox.append(db, RoutingEvents.rejected(action, "not_assigned", null));
                }
                return null;
            });
            relay.wake();
        }
    }

    private static boolean open(Conversation conversation) {
        return conversation.is(ConversationState.QUEUED) || conversation.is(ConversationState.OFFERED)
                || conversation.is(ConversationState.ASSIGNED);
    }

    /**
     * Frees what the conversation holds: a pending offer is withdrawn, an assigned agent's unit released. Returns
     * the agent it was assigned to (null if none).
     */
    private String release(Db db, Conversation conversation, String cause) {
        if (conversation.is(ConversationState.OFFERED)) {
            Row offer = db.one("UPDATE routing.offers SET state = 'withdrawn', decided_at = now()"
                    + " WHERE conversation_id = $1 AND state = 'pending' RETURNING offer_id, agent_id",
                    conversation.id());
            if (offer != null) {
                capacity.release(db, offer.getString("agent_id"), conversation.channel());
                outbox.append(db, new ConversationOfferDeclined(
                        offer.getString("offer_id") + ":withdrawn", conversation.channel(),
                        conversation.channelAccountId(), conversation.key(), conversation.id(),
                        conversation.queueId(), offer.getString("offer_id"), offer.getString("agent_id"),
                        "supervisor", cause, Instant.now()));
            }
            return null;
        }
        if (conversation.is(ConversationState.ASSIGNED)) {
            capacity.release(db, conversation.agentId(), conversation.channel());
            return conversation.agentId();
        }
        return null;
    }
}
