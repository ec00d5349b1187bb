package io.switchboard.routing.conversation;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.MatchRule;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.store.ConcurrentChange;
import io.switchboard.routing.store.Transactions;

/**
 * A customer message, in one transaction with its inbox row: opens a conversation for its key in the first queue
 * whose rule matches, or continues the open one (routed to its agent, or held until it has one).
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

    public Intake(Transactions transactions, InboxStore inbox, ConversationStore conversations, HeldMessageStore held,
            Selections selections, Dispatch dispatch, QueueCatalog queues, Outbox outbox, OutboxRelay relay,
            RoutingConfig config) {
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

    public void onMessage(MessageReceived message) {
        Dispatch.Outcome outcome = transactions.inTransaction(db -> {
            if (!inbox.firstTime(db, message.eventId())) {
                return Dispatch.Outcome.NONE;
            }
            QueueVersion queue = queues.match(matchFacts(message));
            Conversation created = conversations.open(db, conversationIdFor(message), message.conversationKey(),
                    message.channel().wireName(), message.channelAccountId(), queue,
                    config.stickyWindow().toMillis());
            if (created != null) {
                held.hold(db, created.id(), message);
                outbox.append(db, RoutingEvents.queued(created, "new_conversation", message.eventId(),
                        message.eventId(), selections.of(db, created).explain(null)));
                if (!selections.open(queue)) {
                    outbox.append(db, RoutingEvents.outOfHoursReply(created, message,
                            queue.definition().businessHours()));
                    return Dispatch.Outcome.NONE;
                }
                // Nobody older waits in its queue: offered in the same transaction, without scanning the waiting.
                // Otherwise it waits its turn; freed capacity and the sweeper serve the waiting in order.
                return conversations.olderWaiting(db, created) ? Dispatch.Outcome.NONE
                        : dispatch.offer(db, created.id());
            }
            Conversation open = conversations.openByKey(db, message.conversationKey());
            if (open == null) {
                // Closed between the insert and this read: roll back and take the message again from the top.
                throw new ConcurrentChange("conversation " + message.conversationKey() + " closed meanwhile");
            }
            if (open.is(ConversationState.ASSIGNED)) {
                outbox.append(db, RoutingEvents.routed(open, open.agentId(), message));
            } else {
                held.hold(db, open.id(), message);
            }
            return Dispatch.Outcome.NONE;
        });
        relay.wake();
        dispatch.published(outcome);
    }

    private static MatchRule.Conversation matchFacts(MessageReceived message) {
        MessageContent content = message.content();
        return new MatchRule.Conversation(message.channel().wireName(), message.channelAccountId(),
                message.customer().language(), message.customer().attributes(),
                content == null ? null : content.text(), content == null ? null : content.payload());
    }

    // Derived from the first message, so the same first message always names the same episode.
    private static String conversationIdFor(MessageReceived message) {
        return "conv-" + UUID.nameUUIDFromBytes(message.eventId().getBytes(StandardCharsets.UTF_8));
    }
}
