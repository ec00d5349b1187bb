package io.switchboard.routing.conversation;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;


import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;

import io.switchboard.events.CallDirection;
import io.switchboard.events.CallEnded;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.Customer;
import io.switchboard.events.EventType;
import io.switchboard.events.InboundEvent;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.messaging.logging.LogContext;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.MatchRule;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.ConcurrentChange;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;

/**
 * A customer message, in one transaction with its inbox row: opens a conversation for its key in the first queue
 * whose rule matches, or continues the open one (routed to its agent, or held until it has one). A reaction to,
 * edit or unsend of a message continues the open conversation the same way, in order with the messages, but never
 * opens one: without an open conversation it is about a message of a closed episode, and an agent would be
 * offered a conversation with nothing to answer (it is consumed and dropped).
 */
@ApplicationScoped
public class Intake {

    private final Transactions transactions;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final HeldMessageStore held;
    private final Selections selections;
    private final Dispatch dispatch;
    private final QueueCatalog queues;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingConfig config;
    private final ThreadControlStore threads;
    private final ThreadControls threadControls;

    public Intake(Transactions transactions, InboxStore inbox, ConversationStore conversations, HeldMessageStore held,
            Selections selections, Dispatch dispatch, QueueCatalog queues, Outbox outbox, OutboxRelay relay,
            RoutingConfig config, ThreadControlStore threads, ThreadControls threadControls) {
        this.threads = threads;
        this.threadControls = threadControls;
        this.transactions = transactions;
        this.inbox = inbox;
        this.conversations = conversations;
        this.held = held;
        this.selections = selections;
        this.dispatch = dispatch;
        this.queues = queues;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
    }

    public void onMessage(InboundEvent message) {
        onMessages(List.of(new Received(message, Context.current())));
    }

    /**
     * A customer's message (or reaction, edit, unsend: {@link #ROUTED}) and the trace it continues (its record's):
     * the events it causes are written in that trace.
     */
    public record Received(InboundEvent message, Context trace) {
    }

    /** The inbound events routed to the agent; the others (echoes, typing, identity changes) are not. */
    static final Set<EventType> ROUTED = EnumSet.of(EventType.MESSAGE_RECEIVED, EventType.MESSAGE_REACTED,
            EventType.MESSAGE_EDITED, EventType.MESSAGE_REVOKED, EventType.CALL_RECEIVED, EventType.CALL_ENDED,
            EventType.CALL_PERMISSION_ANSWERED);

    /**
     * Several messages in one transaction, in their order (a poll's records: one key's messages are in order on
     * their partition). All or nothing: the caller falls back to one transaction per message when it fails. Two
     * passes: first every message is recorded (inbox, conversation opened or message held or routed), then the new
     * conversations are offered in their order, so the agents' capacity rows are locked only for the end of the
     * transaction (other consumers and replicas wait on them for less).
     */
    public void onMessages(List<Received> messages) {
        boolean[] released = {false};
        List<Dispatch.Outcome> outcomes = transactions.inTransaction(db -> {
            released[0] = false;
            List<Dispatch.Outcome> done = new ArrayList<>(messages.size());
            Map<String, Opened> opened = new LinkedHashMap<>();
            // The poll's inbox claims in one round trip; a message twice in the poll is taken once.
            Set<String> firstTime = inbox.firstTimes(db, messages.stream().map(r -> r.message().eventId()).toList());
            for (Received received : messages) {
                if (firstTime.remove(received.message().eventId())) {
                    inContext(received, () -> released[0] |= recordOrStandby(db, received, opened));
                }
            }
            Set<String> waitingQueues = new HashSet<>();
            for (Opened o : opened.values()) {
                inContext(o.received(), () -> done.add(offer(db, o, waitingQueues)));
            }
            return done;
        });
        relay.wake();
        outcomes.forEach(dispatch::published);
        if (released[0]) {
            // A standby conversation whose thread Switchboard now has waits in its queue: offer it.
            dispatch.dispatchWaiting();
        }
    }

    /**
     * Meta's handover protocol first (docs/channels.md §3.8): a standby message (another app has the thread) opens
     * or continues a {@code standby} conversation, which is not offered unless its queue takes the thread; a message
     * under {@code messaging[]} of a thread recorded as another app's means Switchboard has it now. True when a
     * standby conversation now waits to be offered.
     */
    private boolean recordOrStandby(Db db, Received received, Map<String, Opened> opened) {
        if (received.message() instanceof MessageReceived message && meta(message)) {
            if (message.standby()) {
                threads.standby(db, message.conversationKey());
                return standby(db, received, message, opened);
            }
            if (threads.reclaimed(db, message.conversationKey())) {
                Conversation open = conversations.openByKey(db, message.conversationKey());
                if (open != null && open.is(ConversationState.STANDBY)
                        && threadControls.release(db, open, "thread_control_reclaimed", message.eventId())) {
                    record(db, received, opened);
                    return true;
                }
            }
        }
        record(db, received, opened);
        return false;
    }

    private boolean standby(Db db, Received received, MessageReceived message, Map<String, Opened> opened) {
        QueueVersion queue = queues.match(matchFacts(message));
        ConversationStore.Opened created = conversations.open(db, conversationIdFor(message),
                message.conversationKey(), message.channel().wireName(), message.channelAccountId(), queue,
                config.stickyWindow().toMillis(), new String[0], ConversationState.STANDBY);
        Conversation conversation;
        if (created != null) {
            conversation = created.conversation();
            held.hold(db, conversation.id(), message);
        } else {
            continueOpen(db, message, opened);
            conversation = conversations.openByKey(db, message.conversationKey());
        }
        return conversation != null && conversation.is(ConversationState.STANDBY)
                && threadControls.maybeTake(db, conversation, message);
    }

    private static boolean meta(MessageReceived message) {
        return message.channel() == io.switchboard.events.Channel.MESSENGER
                || message.channel() == io.switchboard.events.Channel.INSTAGRAM;
    }

    /**
     * A conversation this transaction opened, by a message or a call its queue calls back; {@code first} false once
     * another event of it was held.
     */
    private record Opened(Conversation conversation, Received received, QueueVersion queue,
            boolean olderWaiting, boolean[] first) {

        InboundEvent message() {
            return received.message();
        }
    }

    private void record(Db db, Received received, Map<String, Opened> opened) {
        InboundEvent message = received.message();
        QueueVersion queue;
        if (message instanceof MessageReceived m) {
            queue = queues.match(matchFacts(m));
        } else if (message instanceof CallEnded call && callsBack(call)) {
            // A call the queue turns into a callback task opens a conversation like a message (channels.md §2.11).
            queue = queues.match(callFacts(call));
            if (!queue.definition().callsBack(call)) {
                continueOpen(db, message, opened);
                return;
            }
        } else {
            continueOpen(db, message, opened);
            return;
        }
        ConversationStore.Opened created = conversations.open(db, conversationIdFor(message),
                message.conversationKey(), message.channel().wireName(), message.channelAccountId(), queue,
                config.stickyWindow().toMillis(), opened.values().stream().map(o -> o.conversation().id())
                        .toArray(String[]::new), !(message instanceof MessageReceived));
        if (created != null) {
            opened.put(message.conversationKey(), new Opened(created.conversation(), received, queue,
                    created.olderWaiting(), new boolean[] {true}));
            return;
        }
        if (!continueOpen(db, message, opened)) {
            // Closed between the insert and this read: roll back and take the message again from the top.
            throw new ConcurrentChange("conversation " + message.conversationKey() + " closed meanwhile");
        }
    }

    /** Routes or holds {@code event} in its key's open conversation; false when there is none. */
    private boolean continueOpen(Db db, InboundEvent event, Map<String, Opened> opened) {
        Opened here = opened.get(event.conversationKey());
        if (here != null && here.first()[0]) {
            // A second event of a conversation opened in this transaction: both are held, in order.
            here.first()[0] = false;
            held.hold(db, here.conversation().id(), here.message());
        }
        Conversation open = conversations.continueByKey(db, event.conversationKey());
        if (open == null) {
            return false;
        }
        if (open.is(ConversationState.ASSIGNED)) {
            outbox.append(db, RoutingEvents.routed(open, open.agentId(), event));
        } else {
            held.hold(db, open.id(), event);
        }
        return true;
    }

    private Dispatch.Outcome offer(Db db, Opened o, Set<String> waitingQueues) {
        Conversation created = o.conversation();
        InboundEvent message = o.message();
        QueueVersion queue = o.queue();
        // One ranking for the queued event's explanation and the offer below: nothing changed in between.
        Selection selection = selections.ofFresh(db, created);
        outbox.append(db, RoutingEvents.queued(created, created.callback() ? ConversationOffered.CALLBACK_REQUESTED
                : "new_conversation", message.eventId(), message.eventId(), selection.explain(null)));
        Dispatch.Outcome outcome = Dispatch.Outcome.NONE;
        if (!selections.open(queue)) {
            outbox.append(db, RoutingEvents.outOfHoursReply(created, customerOf(message),
                    queue.definition().businessHours()));
        } else if (!o.olderWaiting() && !waitingQueues.contains(queue.id())) {
            // Nobody older waits in its queue: offered in the same transaction, without scanning the waiting.
            // Otherwise it waits its turn; freed capacity and the sweeper serve the waiting in order.
            outcome = dispatch.offer(db, created.id(), selection,
                    o.first()[0] && message instanceof MessageReceived m ? m : null);
        }
        if (outcome == Dispatch.Outcome.ASSIGNED && o.first()[0] && !(message instanceof MessageReceived)) {
            // Assigned at once: the call that opened it goes to the agent (a message went with the assignment).
            Conversation assigned = conversations.find(db, created.id());
            outbox.append(db, RoutingEvents.routed(assigned, assigned.agentId(), message));
            return outcome;
        }
        if (outcome == Dispatch.Outcome.NONE) {
            // It waits: those opened after it in this transaction wait behind it.
            waitingQueues.add(queue.id());
        }
        if (outcome != Dispatch.Outcome.ASSIGNED && o.first()[0]) {
            held.hold(db, created.id(), message);
        }
        return outcome;
    }

    private static void inContext(Received received, Runnable work) {
        // Every log line of this message's routing names its conversation (never its key: it may hold a phone
        // number), and the rows it writes carry its trace.
        try (LogContext log = LogContext.conversation(received.message().conversationKey());
                Scope scope = received.trace().makeCurrent()) {
            work.run();
        }
    }

    /** Whether any queue may turn the call into a callback task (the queue it matches decides). */
    private boolean callsBack(CallEnded call) {
        return call.direction() == CallDirection.USER_INITIATED;
    }

    private static Customer customerOf(InboundEvent event) {
        if (event instanceof MessageReceived m) {
            return m.customer();
        }
        return event instanceof CallEnded c ? c.customer() : null;
    }

    private static MatchRule.Conversation callFacts(CallEnded call) {
        return new MatchRule.Conversation(call.channel().wireName(), call.channelAccountId(),
                call.customer().language(), call.customer().attributes(), null, null);
    }

    private static MatchRule.Conversation matchFacts(MessageReceived message) {
        MessageContent content = message.content();
        return new MatchRule.Conversation(message.channel().wireName(), message.channelAccountId(),
                message.customer().language(), message.customer().attributes(),
                content == null ? null : content.text(), content == null ? null : content.payload());
    }

    // Derived from the first message (or call), so the same first event always names the same episode.
    private static String conversationIdFor(InboundEvent message) {
        return "conv-" + UUID.nameUUIDFromBytes(message.eventId().getBytes(StandardCharsets.UTF_8));
    }
}
