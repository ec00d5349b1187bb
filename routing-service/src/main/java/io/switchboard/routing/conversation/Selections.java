package io.switchboard.routing.conversation;

import java.time.Clock;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.queue.BusinessHours;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Rule;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.Db;

/** A conversation's queue as it stands now, whether it is open, and how its candidates rank. */
@ApplicationScoped
public class Selections {

    private final QueueCatalog queues;
    private final RoutingConfig config;
    private final Clock clock;

    public Selections(QueueCatalog queues, RoutingConfig config, Clock clock) {
        this.queues = queues;
        this.config = config;
        this.clock = clock;
    }

    QueueVersion queueOf(Db db, Conversation conversation) {
        return queues.current(db, conversation.queueId()).orElseThrow(
                () -> new IllegalStateException("queue " + conversation.queueId() + " is not defined"));
    }

    /** Within business hours (a queue without hours is always open). */
    boolean open(QueueVersion queue) {
        BusinessHours hours = queue.definition().businessHours();
        return hours == null || hours.isOpen(clock.instant());
    }

    /** The conversation's eligible agents ranked by its queue's rule at its escalation step, sticky agent first. */
    Selection of(Db db, Conversation conversation) {
        Rule rule = queueOf(db, conversation).rule(conversation.escalationStep(), conversation.channel().wireName());
        return Selection.evaluate(rule, Candidates.load(db, conversation.channel(), conversation.id()), Instant.now(),
                config.maxExplainedCandidates()).preferring(conversation.stickyAgentId());
    }

    /** As {@link #of}, for a conversation opened in this transaction: ranked on the transaction's snapshot. */
    Selection ofFresh(Db db, Conversation conversation) {
        Rule rule = queueOf(db, conversation).rule(conversation.escalationStep(), conversation.channel().wireName());
        return Selection.evaluate(rule, CandidateSnapshot.of(db, conversation.channel(), conversation.id())
                .candidates(), Instant.now(), config.maxExplainedCandidates())
                .preferring(conversation.stickyAgentId());
    }
}
