package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.Channel;
import io.switchboard.events.InboundEvent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.ThreadControlAction;
import io.switchboard.events.ThreadControlChangeRequested;
import io.switchboard.events.ThreadControlPassed;
import io.switchboard.events.ThreadControlReported;
import io.switchboard.events.ThreadControlRequested;
import io.switchboard.events.ThreadControlTaken;
import io.switchboard.messaging.logging.LogContext;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueDefinition;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Transactions;

/**
 * Meta's handover protocol (docs/channels.md §3.8): a conversation whose Messenger or Instagram thread another app
 * (or whose WhatsApp conversation Meta's business AI agent) controls is {@code standby} (kept, never offered); when the thread is passed to Switchboard, or Switchboard takes it
 * (its queue's {@code takeControl}), it waits in its queue and is offered as usual. A thread taken from Switchboard
 * while an agent has the conversation leaves it with the agent (told by {@link ThreadControlReported}); a waiting one
 * goes to standby. A thread Switchboard took is passed back to the configured primary app when it is resolved.
 * Each change is one transaction with its inbox row.
 */
@ApplicationScoped
public class ThreadControls {

    private static final Logger LOG = Logger.getLogger(ThreadControls.class);

    /** The role WhatsApp Conversation Routing gives Meta's business AI agent (docs/channels.md §3.8). */
    public static final String WHATSAPP_AI_AGENT = "ai_agent";

    private final Transactions transactions;
    private final InboxStore inbox;
    private final ConversationStore conversations;
    private final ThreadControlStore threads;
    private final Assignments assignments;
    private final Dispatch dispatch;
    private final QueueCatalog queues;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final RoutingConfig.ThreadControl config;

    public ThreadControls(Transactions transactions, InboxStore inbox, ConversationStore conversations,
            ThreadControlStore threads, Assignments assignments, Dispatch dispatch, QueueCatalog queues,
            Outbox outbox, OutboxRelay relay, RoutingConfig config) {
        this.transactions = transactions;
        this.inbox = inbox;
        this.conversations = conversations;
        this.threads = threads;
        this.assignments = assignments;
        this.dispatch = dispatch;
        this.queues = queues;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config.threadControl();
    }

    /** A {@link ThreadControlPassed}, {@link ThreadControlTaken} or {@link ThreadControlRequested}. */
    public void onChanged(InboundEvent event) {
        try (LogContext log = LogContext.conversation(event.conversationKey())) {
            boolean queued = transactions.inTransaction(db -> inbox.firstTime(db, event.eventId()) && apply(db, event));
            relay.wake();
            if (queued) {
                dispatch.dispatchWaiting();
            }
        }
    }

    private boolean apply(Db db, InboundEvent event) {
        String key = event.conversationKey();
        Conversation open = conversations.openByKey(db, key);
        if (event instanceof ThreadControlPassed passed) {
            boolean toUs = passedToUs(passed);
            threads.own(db, key, toUs ? null : passed.toAppId(), false);
            return moved(db, open, toUs, "passed", passed.fromAppId(), passed.metadata(), event.eventId());
        }
        if (event instanceof ThreadControlTaken taken) {
            // WhatsApp sends control_taken only to the owner that lost the thread: never a take of ours.
            boolean byUs = taken.channel() != Channel.WHATSAPP && ours(taken.byAppId());
            String owner = byUs ? null : taken.byAppId() == null ? ThreadControlStore.UNKNOWN_OWNER : taken.byAppId();
            threads.own(db, key, owner, byUs);
            return moved(db, open, byUs, "taken", taken.byAppId(), taken.metadata(), event.eventId());
        }
        ThreadControlRequested requested = (ThreadControlRequested) event;
        threads.requested(db, key, requested.requestingAppId(), requested.metadata());
        LOG.infof("app %s asks for the thread", requested.requestingAppId());
        if (open != null) {
            ThreadControlStore.Thread thread = threads.find(db, key);
            report(db, open, thread == null ? null : thread.ownerAppId(), "requested", requested.requestingAppId(),
                    requested.metadata(), event.eventId());
        }
        return false;
    }

    /** Control moved to ({@code toUs}) or away from Switchboard; true when a conversation now waits to be offered. */
    private boolean moved(Db db, Conversation open, boolean toUs, String change, String appId, String metadata,
            String cause) {
        if (open == null) {
            return false;
        }
        boolean queued = false;
        if (toUs && open.is(ConversationState.STANDBY)) {
            queued = release(db, open, "thread_control_" + change, cause);
        } else if (!toUs && open.is(ConversationState.QUEUED)) {
            conversations.toStandby(db, open.id());
        }
        report(db, open, toUs ? null : threads.find(db, open.key()).ownerAppId(), change, appId, metadata, cause);
        return queued;
    }

    /** A standby conversation waits in its queue from now on; true when it did. */
    boolean release(Db db, Conversation standby, String reason, String cause) {
        Conversation waiting = conversations.fromStandby(db, standby.id());
        if (waiting == null) {
            return false;
        }
        assignments.queued(db, waiting, reason, cause, cause);
        return true;
    }

    /**
     * A customer message of a standby conversation (held by the caller): takes the thread when the queue says so.
     * True when the conversation now waits to be offered.
     */
    boolean maybeTake(Db db, Conversation standby, MessageReceived message) {
        QueueDefinition queue = queues.current(db, standby.queueId()).map(v -> v.definition()).orElse(null);
        if (queue == null || !wantsControl(queue, message)) {
            return false;
        }
        outbox.append(db, new ThreadControlChangeRequested(standby.id() + ":take:" + message.eventId(),
                standby.channel(), standby.channelAccountId(), standby.key(), message.customer().externalUserId(),
                ThreadControlAction.TAKE, null, "switchboard: " + queue.takeControl().wireName(), standby.id(),
                Instant.now()));
        // Meta tells the app that loses the thread, not the one that takes it: Switchboard owns it from here.
        threads.own(db, standby.key(), null, true);
        LOG.infof("taking the thread of conversation %s (queue %s: %s)", standby.id(), queue.id(),
                queue.takeControl().wireName());
        boolean queued = release(db, standby, "thread_control_taken", message.eventId());
        report(db, standby, null, "taken", config.appId().orElse(null), null, message.eventId());
        return queued;
    }

    /** After an agent resolved {@code resolved}: a thread Switchboard took goes back to the primary app. */
    void resolved(Db db, Conversation resolved, String cause) {
        if (config.primaryAppId().isEmpty()) {
            return;
        }
        ThreadControlStore.Thread thread = threads.find(db, resolved.key());
        if (thread == null || !thread.takenByUs() || !thread.ours()) {
            return;
        }
        String primary = config.primaryAppId().get();
        outbox.append(db, new ThreadControlChangeRequested(resolved.id() + ":pass:" + cause, resolved.channel(),
                resolved.channelAccountId(), resolved.key(), userId(resolved.key()), ThreadControlAction.PASS,
                primary, "switchboard: conversation resolved", resolved.id(), Instant.now()));
        threads.own(db, resolved.key(), primary, false);
    }

    private boolean wantsControl(QueueDefinition queue, MessageReceived message) {
        switch (queue.takeControl()) {
            case ALWAYS:
                return true;
            case ON_HUMAN_REQUEST:
                String text = message.content() == null ? null : message.content().text();
                if (text == null) {
                    return false;
                }
                String lower = text.toLowerCase(Locale.ROOT);
                List<String> phrases = queue.humanPhrases().isEmpty() ? config.humanPhrases() : queue.humanPhrases();
                return phrases.stream().anyMatch(p -> lower.contains(p.toLowerCase(Locale.ROOT).trim()));
            case NEVER:
            default:
                return false;
        }
    }

    private void report(Db db, Conversation c, String ownerAppId, String change, String appId, String metadata,
            String cause) {
        Conversation now = conversations.find(db, c.id());
        String agentId = now != null && now.is(ConversationState.ASSIGNED) ? now.agentId() : null;
        outbox.append(db, new ThreadControlReported(c.id() + ":thread-control:" + cause, c.channel(),
                c.channelAccountId(), c.key(), c.id(), agentId,
                ownerAppId == null ? ThreadControlReported.SWITCHBOARD : ownerAppId, change, appId, metadata, cause,
                Instant.now()));
    }

    /**
     * Messenger and Instagram name apps: the thread is ours when passed to Switchboard's app id. WhatsApp names
     * roles and sends control_passed only to the new owner, so a pass is ours unless it names Meta's AI agent.
     */
    private boolean passedToUs(ThreadControlPassed passed) {
        if (passed.channel() == Channel.WHATSAPP) {
            return !WHATSAPP_AI_AGENT.equals(passed.toAppId());
        }
        return ours(passed.toAppId());
    }

    private boolean ours(String appId) {
        return appId != null && config.appId().map(appId::equals).orElse(false);
    }

    /** The customer's id, the last part of a Messenger or Instagram conversation key ({@code fb:{page}:{psid}}). */
    private static String userId(String key) {
        return key.substring(key.lastIndexOf(':') + 1);
    }
}
