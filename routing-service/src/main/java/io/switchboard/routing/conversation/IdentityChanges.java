package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.messaging.logging.LogContext;
import io.switchboard.routing.store.Transactions;

/**
 * A customer's identity changed ({@code contact.identity-changed}): their open conversation continues under the new
 * conversation key, so their next message (which carries the new key) joins it instead of opening a second one. In
 * one transaction with the event's inbox row, so a redelivery changes nothing. The event is keyed on the new key, so
 * it is taken before the messages under it. A change that keeps the key, an old key with no open conversation, or a
 * new key that has one already (a message under it was taken first) moves nothing: that conversation continues.
 */
@ApplicationScoped
public class IdentityChanges {

    private static final Logger LOG = Logger.getLogger(IdentityChanges.class);

    private final Transactions transactions;
    private final InboxStore inbox;
    private final ConversationStore conversations;

    public IdentityChanges(Transactions transactions, InboxStore inbox, ConversationStore conversations) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.conversations = conversations;
    }

    public void onChanged(ContactIdentityChanged change) {
        try (LogContext log = LogContext.conversation(change.conversationKey())) {
            Conversation moved = transactions.inTransaction(db -> {
                if (!inbox.firstTime(db, change.eventId()) || !change.rekeys()) {
                    return null;
                }
                return conversations.rekey(db, change.previousConversationKey(), change.conversationKey());
            });
            if (moved != null) {
                LOG.infof("conversation %s continues under the customer's new identity (%s)", moved.id(),
                        change.change());
            }
        }
    }
}
