package io.switchboard.routing.conversation;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.Channel;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.routing.queue.MatchRule;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.Transactions;

/** The explanation routing would give now for a conversation key, without reserving or publishing anything. */
@ApplicationScoped
public class DryRun {

    private final Transactions transactions;
    private final ConversationStore conversations;
    private final Selections selections;
    private final QueueCatalog queues;

    public DryRun(Transactions transactions, ConversationStore conversations, Selections selections,
            QueueCatalog queues) {
        this.transactions = transactions;
        this.conversations = conversations;
        this.selections = selections;
        this.queues = queues;
    }

    public RoutingExplanation explain(String conversationKey, Channel channel) {
        return transactions.inTransaction(db -> {
            Conversation open = conversations.openByKey(db, conversationKey);
            Conversation conversation = open != null ? open : unopened(conversationKey, channel);
            Selection selection = selections.of(db, conversation);
            List<String> ranked = selection.rankedAgentIds();
            return selection.explain(ranked.isEmpty() ? null : ranked.get(0));
        });
    }

    // A key without an open conversation: matched on what the key says (channel, account).
    private Conversation unopened(String conversationKey, Channel channel) {
        String[] parts = conversationKey.split(":", 3);
        String account = parts.length > 1 ? parts[1] : null;
        QueueVersion queue = queues.match(new MatchRule.Conversation(channel.wireName(), account, null, null, null,
                null));
        return new Conversation(null, conversationKey, channel, account, queue.id(), queue.version(), 0,
                queue.definition().priority(), null, null, null, false);
    }
}
