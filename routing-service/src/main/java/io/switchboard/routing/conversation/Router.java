package io.switchboard.routing.conversation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.switchboard.events.AgentActionEvent;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEscalated;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationOfferExpired;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.EventType;
import io.switchboard.events.Customer;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.events.TransferRequested;
import io.switchboard.messaging.inbox.Inbox;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.queue.BusinessHours;
import io.switchboard.routing.queue.EscalationStep;
import io.switchboard.routing.queue.MatchRule;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueVersion;
import io.switchboard.routing.selection.Rule;
import io.switchboard.routing.selection.Selection;
import io.switchboard.routing.store.ConcurrentChange;
import io.switchboard.routing.store.Db;
import io.switchboard.routing.store.Times;
import io.switchboard.routing.store.Transactions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.buffer.Buffer;
import io.vertx.mutiny.sqlclient.Row;

/**
 * The routing steps. Each public method is one transaction (inbox row, state change, outbox events together), safe
 * to run on several replicas at once: who gets a conversation, a unit of capacity or an offer is decided by the
 * row count of a conditional statement, never by a value read earlier in Java.
 */
@ApplicationScoped
public class Router {

    private static final Logger LOG = Logger.getLogger(Router.class);
    private static final int DISPATCH_BATCH = 50;
    private static final String AGENT_OFFLINE = "agent_offline";
    private static final Inbox INBOX = new Inbox(Outbox.SCHEMA);

    private final Transactions transactions;
    private final Outbox outbox;
    private final RoutingConfig config;
    private final RoutingMetrics metrics;
    private final OutboxRelay relay;
    private final QueueCatalog queues;
    private final Clock clock;

    public Router(Transactions transactions, Outbox outbox, RoutingConfig config, RoutingMetrics metrics,
            OutboxRelay relay, QueueCatalog queues, Clock clock) {
        this.transactions = transactions;
        this.outbox = outbox;
        this.config = config;
        this.metrics = metrics;
        this.relay = relay;
        this.queues = queues;
        this.clock = clock;
    }

    /** A customer message: opens a conversation for its key or continues the open one. Then serves the waiting. */
    public void onMessage(MessageReceived message) {
        Outcome outcome = transactions.inTransaction(db -> {
            if (!firstTime(db, message.eventId())) {
                return Outcome.NONE;
            }
            QueueVersion queue = queues.match(matchFacts(message));
            Row created = db.one("INSERT INTO routing.conversations (conversation_id, conversation_key, channel,"
                    + " channel_account_id, queue_id, queue_version, priority, state, sticky_agent_id)"
                    + " VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', (SELECT p.agent_id FROM routing.conversations p"
                    + "   WHERE p.conversation_key = $2 AND p.state = 'resolved'"
                    + "   AND p.closed_at > now() - $8 * interval '1 millisecond' ORDER BY p.closed_at DESC LIMIT 1))"
                    + " ON CONFLICT (conversation_key) WHERE closed_at IS NULL DO NOTHING RETURNING " + Conversation.COLUMNS,
                    conversationIdFor(message), message.conversationKey(), message.channel().wireName(),
                    message.channelAccountId(), queue.id(), queue.version(), queue.definition().priority(),
                    config.stickyWindow().toMillis());
            if (created != null) {
                Conversation conversation = Conversation.of(created);
                hold(db, conversation, message);
                RoutingExplanation explanation = selection(db, conversation).explain(null);
                outbox.append(db, new ConversationQueued(conversation.id() + ":queued:" + message.eventId(),
                        conversation.channel(), conversation.channelAccountId(), conversation.key(), conversation.id(),
                        conversation.queueId(), conversation.priority(), "new_conversation", message.eventId(),
                        explanation, Instant.now()));
                if (!open(queue)) {
                    // Once per conversation: it is written with the conversation, and its id is the conversation's.
                    outbox.append(db, outOfHoursReply(conversation, message, queue.definition().businessHours()));
                    return Outcome.NONE;
                }
                // Nobody older waits in its queue: offered in the same transaction, without scanning the waiting.
                // Otherwise it waits its turn; freed capacity and the sweeper serve the waiting in order.
                return olderWaiting(db, conversation) ? Outcome.NONE : offer(db, conversation.id());
            }
            Row openRow = db.one("SELECT " + Conversation.COLUMNS
                    + " FROM routing.conversations WHERE conversation_key = $1 AND closed_at IS NULL",
                    message.conversationKey());
            if (openRow == null) {
                // Closed between the insert and this read: roll back and take the message again from the top.
                throw new ConcurrentChange("conversation " + message.conversationKey() + " closed meanwhile");
            }
            Conversation open = Conversation.of(openRow);
            if ("assigned".equals(open.state())) {
                outbox.append(db, routed(open, open.agentId(), message));
            } else {
                hold(db, open, message);
            }
            return Outcome.NONE;
        });
        relay.wake();
        published(outcome);
    }

    private static boolean olderWaiting(Db db, Conversation conversation) {
        return db.one("SELECT EXISTS (SELECT 1 FROM routing.conversations WHERE state = 'queued' AND queue_id = $1"
                + " AND conversation_id <> $2 AND (priority > $3 OR (priority = $3 AND queued_at <= now())))"
                + " AS older", conversation.queueId(), conversation.id(), conversation.priority()).getBoolean("older");
    }

    /** Offers waiting conversations, highest priority first, then oldest first. */
    public void dispatchWaiting() {
        List<String> waiting = transactions.inTransaction(db -> {
            List<String> ids = new ArrayList<>();
            db.query("SELECT conversation_id FROM routing.conversations WHERE state = 'queued'"
                    + " ORDER BY priority DESC, queued_at, conversation_id LIMIT $1", DISPATCH_BATCH)
                    .forEach(row -> ids.add(row.getString("conversation_id")));
            return ids;
        });
        for (String conversationId : waiting) {
            tryOffer(conversationId);
        }
    }

    /** Offers one waiting conversation in its own transaction. Returns whether an agent got it. */
    public boolean tryOffer(String conversationId) {
        Outcome outcome = transactions.inTransaction(db -> offer(db, conversationId));
        published(outcome);
        return outcome != Outcome.NONE;
    }

    private void published(Outcome outcome) {
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
    private Outcome offer(Db db, String conversationId) {
        // Claims the conversation: a replica that loses finds it no longer queued and updates nothing.
        Row claimed = db.one("UPDATE routing.conversations SET state = 'offered'"
                + " WHERE conversation_id = $1 AND state = 'queued' RETURNING " + Conversation.COLUMNS,
                conversationId);
        if (claimed == null) {
            return Outcome.NONE;
        }
        Conversation conversation = Conversation.of(claimed);
        QueueVersion queue = queueOf(db, conversation);
        if (!open(queue)) {
            db.update("UPDATE routing.conversations SET state = 'queued' WHERE conversation_id = $1",
                    conversationId);
            return Outcome.NONE;
        }
        Selection selection = selection(db, conversation);
        String winner = null;
        for (String agentId : selection.rankedAgentIds()) {
            if (reserve(db, agentId, conversation) == 1) {
                winner = agentId;
                break;
            }
        }
        if (winner == null) {
            db.update("UPDATE routing.conversations SET state = 'queued' WHERE conversation_id = $1",
                    conversationId);
            return Outcome.NONE;
        }
        RoutingExplanation explanation = selection.explain(winner);
        if (queue.definition().directAssignment()) {
            assign(db, conversation, winner, null, null, explanation);
            return Outcome.ASSIGNED;
        }
        String offerId = "offer-" + UUID.randomUUID();
        Row offer = db.one("INSERT INTO routing.offers (offer_id, conversation_id, agent_id, channel, state,"
                + " explanation, expires_at) VALUES ($1, $2, $3, $4, 'pending', $5,"
                + " now() + $6 * interval '1 millisecond') RETURNING offered_at, expires_at",
                offerId, conversationId, winner, conversation.channel().wireName(),
                new JsonObject(new String(json(explanation), java.nio.charset.StandardCharsets.UTF_8)),
                queue.definition().offerTimeout().toMillis());
        outbox.append(db, new ConversationOffered(offerId + ":offered", conversation.channel(),
                conversation.channelAccountId(), conversation.key(), conversationId, conversation.queueId(),
                offerId, winner, Times.toInstant(offer.getOffsetDateTime("expires_at")), explanation,
                Times.toInstant(offer.getOffsetDateTime("offered_at"))));
        return Outcome.OFFERED;
    }

    /** An agent accepted: assigned if the offer is still theirs and pending, else rejected. */
    public void accept(OfferAccepted action) {
        Boolean assigned = transactions.inTransaction(db -> {
            if (!firstTime(db, action.eventId())) {
                return null;
            }
            Row offer = db.one("UPDATE routing.offers SET state = 'accepted', decided_at = now()"
                    + " WHERE offer_id = $1 AND conversation_id = $2 AND agent_id = $3 AND state = 'pending'"
                    + " AND expires_at > now() RETURNING explanation",
                    action.offerId(), action.conversationId(), action.agentId());
            if (offer == null) {
                reject(db, action, "offer_expired", null);
                return false;
            }
            Conversation conversation = find(db, action.conversationId());
            RoutingExplanation explanation = CloudEventCodec.JSON.convertValue(
                    offer.getJsonObject("explanation").getMap(), RoutingExplanation.class);
            assign(db, conversation, action.agentId(), action.offerId(), action.eventId(), explanation);
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
            if (!firstTime(db, action.eventId())) {
                return null;
            }
            Row offer = db.one("UPDATE routing.offers SET state = 'declined', decided_at = now()"
                    + " WHERE offer_id = $1 AND conversation_id = $2 AND agent_id = $3 AND state = 'pending'"
                    + " RETURNING offer_id", action.offerId(), action.conversationId(), action.agentId());
            if (offer == null) {
                reject(db, action, "offer_expired", null);
                return false;
            }
            Conversation conversation = requeue(db, action.conversationId(), action.agentId());
            outbox.append(db, new ConversationOfferDeclined(action.offerId() + ":declined", conversation.channel(),
                    conversation.channelAccountId(), conversation.key(), conversation.id(), conversation.queueId(),
                    action.offerId(), action.agentId(), action.reason(), action.eventId(), Instant.now()));
            queued(db, conversation, "offer_declined", action.eventId(), action.offerId());
            return true;
        });
        relay.wake();
        if (Boolean.TRUE.equals(declined)) {
            metrics.offer("declined");
            dispatchWaiting();
        }
    }

    /** Lapses every pending offer past its time, each in its own transaction. Returns how many lapsed. */
    public int expireOffers() {
        List<String> due = transactions.inTransaction(db -> {
            List<String> ids = new ArrayList<>();
            db.query("SELECT offer_id FROM routing.offers WHERE state = 'pending' AND expires_at <= now()"
                    + " ORDER BY expires_at LIMIT 100").forEach(row -> ids.add(row.getString("offer_id")));
            return ids;
        });
        int expired = 0;
        for (String offerId : due) {
            boolean lapsed = transactions.inTransaction(db -> {
                // An accept racing with this sweep: whichever updates the pending row first wins.
                Row offer = db.one("UPDATE routing.offers SET state = 'expired', decided_at = now()"
                        + " WHERE offer_id = $1 AND state = 'pending' AND expires_at <= now()"
                        + " RETURNING conversation_id, agent_id, offered_at", offerId);
                if (offer == null) {
                    return false;
                }
                Conversation conversation = requeue(db, offer.getString("conversation_id"),
                        offer.getString("agent_id"));
                outbox.append(db, new ConversationOfferExpired(offerId + ":expired", conversation.channel(),
                        conversation.channelAccountId(), conversation.key(), conversation.id(),
                        conversation.queueId(), offerId, offer.getString("agent_id"),
                        Times.toInstant(offer.getOffsetDateTime("offered_at")), Instant.now()));
                queued(db, conversation, "offer_expired", offerId + ":expired", offerId);
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

    /** The assigned agent closes the conversation; their capacity is released. */
    public void resolve(ResolutionRequested action) {
        boolean resolved = transactions.inTransaction(db -> {
            if (!firstTime(db, action.eventId())) {
                return false;
            }
            Row closed = db.one("UPDATE routing.conversations SET state = 'resolved', closed_at = now()"
                    + " WHERE conversation_id = $1 AND agent_id = $2 AND state = 'assigned'"
                    + " RETURNING " + Conversation.COLUMNS, action.conversationId(), action.agentId());
            if (closed == null) {
                reject(db, action, "not_assigned", null);
                return false;
            }
            Conversation conversation = Conversation.of(closed);
            release(db, action.agentId(), conversation);
            outbox.append(db, new ConversationResolved(conversation.id() + ":resolved", conversation.channel(),
                    conversation.channelAccountId(), conversation.key(), conversation.id(), conversation.queueId(),
                    action.agentId(), action.disposition(), action.reason(), action.eventId(), Instant.now()));
            return true;
        });
        relay.wake();
        if (resolved) {
            dispatchWaiting();
        }
    }

    /**
     * The assigned agent hands the conversation on: to a named agent, assigned at once if that agent has room, or
     * back to the queue to be offered again.
     */
    public void transfer(TransferRequested action) {
        boolean requeued = transactions.inTransaction(db -> {
            if (!firstTime(db, action.eventId())) {
                return false;
            }
            Conversation conversation = find(db, action.conversationId());
            if (conversation == null || !"assigned".equals(conversation.state())
                    || !action.agentId().equals(conversation.agentId())) {
                reject(db, action, "not_assigned", null);
                return false;
            }
            if (action.toAgentId() == null) {
                QueueVersion target = queues.current(db,
                        action.toQueueId() == null ? conversation.queueId() : action.toQueueId()).orElse(null);
                if (target == null) {
                    reject(db, action, "unknown_queue", null);
                    return false;
                }
                Row moved = db.one("UPDATE routing.conversations SET state = 'queued', agent_id = NULL,"
                        + " queued_at = now(), queue_id = $3, queue_version = $4, priority = $5, escalation_step = 0,"
                        + " step_since = now() WHERE conversation_id = $1 AND agent_id = $2 AND state = 'assigned'"
                        + " RETURNING " + Conversation.COLUMNS, conversation.id(), action.agentId(), target.id(),
                        target.version(), target.definition().priority());
                release(db, action.agentId(), conversation);
                Conversation waiting = Conversation.of(moved);
                outbox.append(db, new ConversationTransferred(action.eventId() + ":transferred",
                        conversation.channel(), conversation.channelAccountId(), conversation.key(), conversation.id(),
                        action.agentId(), conversation.queueId(), null, target.id(), action.reason(),
                        action.eventId(), null, Instant.now()));
                queued(db, waiting, "transferred", action.eventId(), action.eventId());
                return true;
            }
            Selection selection = selection(db, conversation);
            if (reserve(db, action.toAgentId(), conversation) == 0) {
                RoutingExplanation explanation = selection.explain(null);
                reject(db, action, "target_at_capacity", explanation);
                return false;
            }
            // The conversation row is claimed by its own conditional update; losing it undoes the reservation.
            int moved = db.update("UPDATE routing.conversations SET agent_id = $3, assigned_at = now()"
                    + " WHERE conversation_id = $1 AND agent_id = $2 AND state = 'assigned'",
                    conversation.id(), action.agentId(), action.toAgentId());
            if (moved == 0) {
                release(db, action.toAgentId(), conversation);
                reject(db, action, "not_assigned", null);
                return false;
            }
            release(db, action.agentId(), conversation);
            RoutingExplanation explanation = new RoutingExplanation(conversation.queueId(), selection.ruleVersion(),
                    0, "direct", List.of("channel " + conversation.channel().wireName()),
                    selection.explain(action.toAgentId()).candidates().stream()
                            .filter(c -> c.agentId().equals(action.toAgentId())).toList(),
                    0, action.toAgentId(), "named by the transferring agent");
            outbox.append(db, transferred(conversation, action, explanation));
            outbox.append(db, new ConversationAssigned(conversation.id() + ":assigned:" + action.eventId(),
                    conversation.channel(), conversation.channelAccountId(), conversation.key(), conversation.id(),
                    conversation.queueId(), action.toAgentId(), null, action.eventId(), explanation, Instant.now()));
            db.update("UPDATE routing.agents SET last_assigned_at = now() WHERE agent_id = $1", action.toAgentId());
            return false;
        });
        relay.wake();
        if (requeued) {
            dispatchWaiting();
        }
    }

    /**
     * An agent went offline or was removed: their pending offers are withdrawn and their assigned conversations go
     * back to the queue (keeping their age), each to be offered to someone else. Runs in the caller's transaction,
     * the one that records the presence change, so a crash cannot leave one done without the other; call
     * {@link #afterAgentLeft} after the commit. {@code cause} is the agent event. Returns how many were requeued.
     */
    public int agentLeft(Db db, String agentId, String cause) {
        int count = 0;
        for (Row offer : db.query("UPDATE routing.offers SET state = 'withdrawn', decided_at = now()"
                + " WHERE agent_id = $1 AND state = 'pending' RETURNING offer_id, conversation_id", agentId)) {
            String offerId = offer.getString("offer_id");
            Conversation conversation = requeue(db, offer.getString("conversation_id"), agentId);
            outbox.append(db, new ConversationOfferDeclined(offerId + ":withdrawn", conversation.channel(),
                    conversation.channelAccountId(), conversation.key(), conversation.id(),
                    conversation.queueId(), offerId, agentId, AGENT_OFFLINE, null, Instant.now()));
            queued(db, conversation, AGENT_OFFLINE, cause, offerId + ":withdrawn");
            count++;
        }
        for (Row row : db.query("UPDATE routing.conversations SET state = 'queued', agent_id = NULL,"
                + " escalation_step = 0, step_since = now() WHERE agent_id = $1 AND state = 'assigned'"
                + " RETURNING " + Conversation.COLUMNS, agentId)) {
            Conversation conversation = Conversation.of(row);
            release(db, agentId, conversation);
            outbox.append(db, new ConversationTransferred(conversation.id() + ":transferred:" + cause,
                    conversation.channel(), conversation.channelAccountId(), conversation.key(), conversation.id(),
                    agentId, conversation.queueId(), null, conversation.queueId(), "agent offline", null, null,
                    Instant.now()));
            queued(db, conversation, AGENT_OFFLINE, cause, cause);
            count++;
        }
        return count;
    }

    /** After the commit of {@link #agentLeft}: publishes, and offers the requeued conversations to others. */
    public void afterAgentLeft(int requeued) {
        if (requeued > 0) {
            relay.wake();
            dispatchWaiting();
        }
    }

    /** The explanation the router would give now, without reserving anything. */
    public RoutingExplanation dryRun(String conversationKey, Channel channel) {
        return transactions.inTransaction(db -> {
            Row open = db.one("SELECT " + Conversation.COLUMNS
                    + " FROM routing.conversations WHERE conversation_key = $1 AND closed_at IS NULL", conversationKey);
            Conversation conversation = open != null ? Conversation.of(open) : unopened(conversationKey, channel);
            Selection selection = selection(db, conversation);
            List<String> ranked = selection.rankedAgentIds();
            return selection.explain(ranked.isEmpty() ? null : ranked.get(0));
        });
    }

    /**
     * Takes the next escalation step of every conversation that waited long enough at its current one, each in its
     * own transaction. Returns how many escalated.
     */
    public int escalate() {
        String[] withLadders = queues.latest().stream().filter(q -> !q.definition().escalation().isEmpty())
                .map(QueueVersion::id).toArray(String[]::new);
        if (withLadders.length == 0) {
            return 0;
        }
        List<Row> waiting = transactions.inTransaction(db -> {
            List<Row> rows = new ArrayList<>();
            db.query("SELECT conversation_id, queue_id, escalation_step,"
                    + " EXTRACT(EPOCH FROM now() - step_since) * 1000 AS waited_ms FROM routing.conversations"
                    + " WHERE state = 'queued' AND queue_id = ANY($1) ORDER BY step_since LIMIT 500",
                    (Object) withLadders).forEach(rows::add);
            return rows;
        });
        int escalated = 0;
        for (Row row : waiting) {
            int step = row.getInteger("escalation_step");
            List<EscalationStep> ladder = queues.known(row.getString("queue_id"))
                    .map(queue -> queue.definition().escalation()).orElse(List.of());
            if (step < ladder.size() && row.getDouble("waited_ms") >= ladder.get(step).after().toMillis()
                    && escalate(row.getString("conversation_id"), step, ladder.get(step))) {
                escalated++;
            }
        }
        if (escalated > 0) {
            relay.wake();
        }
        return escalated;
    }

    private boolean escalate(String conversationId, int step, EscalationStep next) {
        return transactions.inTransaction(db -> {
            Conversation before = find(db, conversationId);
            if (before == null || !"queued".equals(before.state()) || before.escalationStep() != step) {
                return false;
            }
            QueueVersion target = queues.current(db, next.overflowTo() == null ? before.queueId() : next.overflowTo())
                    .orElse(null);
            if (target == null) {
                LOG.warnf("conversation %s cannot overflow to missing queue %s", conversationId, next.overflowTo());
                return false;
            }
            // Overflow starts the other queue's own ladder; the other steps move up this one. The conditional update
            // makes a concurrent sweep of another replica a no-op.
            int nextStep = next.overflowTo() == null ? step + 1 : 0;
            Row row = db.one("UPDATE routing.conversations SET escalation_step = $3, step_since = now(),"
                    + " queue_id = $4, queue_version = $5, priority = $6"
                    + " WHERE conversation_id = $1 AND state = 'queued' AND escalation_step = $2 AND queue_id = $7"
                    + " RETURNING " + Conversation.COLUMNS, conversationId, step, nextStep, target.id(),
                    target.version(), target.definition().priority(), before.queueId());
            if (row == null) {
                return false;
            }
            Conversation after = Conversation.of(row);
            outbox.append(db, new ConversationEscalated(conversationId + ":escalated:" + before.queueId() + ":"
                    + (step + 1), after.channel(), after.channelAccountId(), after.key(), conversationId,
                    after.queueId(), next.overflowTo() == null ? null : before.queueId(), step + 1,
                    "waited " + Selection.format(next.after()) + " at step " + step + ": " + next.describe(),
                    selection(db, after).explain(null), Instant.now()));
            return true;
        });
    }

    private QueueVersion queueOf(Db db, Conversation conversation) {
        return queues.current(db, conversation.queueId()).orElseThrow(
                () -> new IllegalStateException("queue " + conversation.queueId() + " is not defined"));
    }

    private boolean open(QueueVersion queue) {
        BusinessHours hours = queue.definition().businessHours();
        return hours == null || hours.isOpen(clock.instant());
    }

    private static ReplyRequested outOfHoursReply(Conversation conversation, MessageReceived message,
            BusinessHours hours) {
        Customer customer = message.customer();
        ReplyRequested.Recipient recipient = new ReplyRequested.Recipient(customer.externalUserId(),
                customer.identities().getOrDefault("phone", customer.identities().get("wa_id")),
                customer.identities().get("bsuid"), null);
        return new ReplyRequested(conversation.id() + ":out-of-hours", conversation.channel(),
                conversation.channelAccountId(), conversation.key(), recipient, null, null,
                ReplyContent.text(hours.outOfHoursReply()), Instant.now());
    }

    private static MatchRule.Conversation matchFacts(MessageReceived message) {
        MessageContent content = message.content();
        return new MatchRule.Conversation(message.channel().wireName(), message.channelAccountId(),
                message.customer().language(), message.customer().attributes(),
                content == null ? null : content.text(), content == null ? null : content.payload());
    }

    // A key without an open conversation, as the dry run judges it: matched on what the key says (channel, account).
    private Conversation unopened(String conversationKey, Channel channel) {
        String[] parts = conversationKey.split(":", 3);
        String account = parts.length > 1 ? parts[1] : null;
        QueueVersion queue = queues.match(new MatchRule.Conversation(channel.wireName(), account, null, null, null,
                null));
        return new Conversation(null, conversationKey, channel, account, queue.id(), queue.version(), 0,
                queue.definition().priority(), "new", null, null);
    }

    private void assign(Db db, Conversation conversation, String agentId, String offerId, String actionEventId,
            RoutingExplanation explanation) {
        db.update("UPDATE routing.conversations SET state = 'assigned', agent_id = $2, assigned_at = now()"
                + " WHERE conversation_id = $1 AND state = 'offered'", conversation.id(), agentId);
        db.update("UPDATE routing.agents SET last_assigned_at = now() WHERE agent_id = $1", agentId);
        String cause = offerId != null ? offerId : "direct";
        outbox.append(db, new ConversationAssigned(conversation.id() + ":assigned:" + cause, conversation.channel(),
                conversation.channelAccountId(), conversation.key(), conversation.id(), conversation.queueId(),
                agentId, offerId, actionEventId, explanation, Instant.now()));
        // Messages that arrived while it waited go to the agent now, in arrival order.
        for (Row held : db.query("SELECT payload FROM routing.held_messages WHERE conversation_id = $1"
                + " ORDER BY received_at, event_id", conversation.id())) {
            MessageReceived message = (MessageReceived) CloudEventCodec.read(EventType.MESSAGE_RECEIVED,
                    held.getBuffer("payload").getBytes());
            outbox.append(db, routed(conversation, agentId, message));
        }
        db.update("DELETE FROM routing.held_messages WHERE conversation_id = $1", conversation.id());
    }

    /** Takes one unit of the agent's capacity on the channel: 1 when taken, 0 when full, away, offline or removed. */
    private static int reserve(Db db, String agentId, Conversation conversation) {
        return db.update("UPDATE routing.agent_load l SET active = l.active + 1 FROM routing.agents a"
                + " WHERE l.agent_id = $1 AND l.channel = $2 AND l.active < l.capacity"
                + " AND a.agent_id = l.agent_id AND a.active AND a.presence = 'available'",
                agentId, conversation.channel().wireName());
    }

    private static void release(Db db, String agentId, Conversation conversation) {
        db.update("UPDATE routing.agent_load SET active = active - 1"
                + " WHERE agent_id = $1 AND channel = $2 AND active > 0", agentId, conversation.channel().wireName());
    }

    /** Back to waiting after a declined or lapsed offer, releasing the agent's capacity. */
    private static Conversation requeue(Db db, String conversationId, String agentId) {
        Row row = db.one("UPDATE routing.conversations SET state = 'queued'"
                + " WHERE conversation_id = $1 AND state = 'offered' RETURNING " + Conversation.COLUMNS, conversationId);
        Conversation conversation = row != null ? Conversation.of(row) : find(db, conversationId);
        release(db, agentId, conversation);
        return conversation;
    }

    private void queued(Db db, Conversation conversation, String reason, String cause, String idPart) {
        outbox.append(db, new ConversationQueued(conversation.id() + ":queued:" + idPart, conversation.channel(),
                conversation.channelAccountId(), conversation.key(), conversation.id(), conversation.queueId(),
                conversation.priority(), reason, cause, selection(db, conversation).explain(null), Instant.now()));
    }

    private void reject(Db db, AgentActionEvent action, String reason, RoutingExplanation explanation) {
        LOG.debugf("rejected action=%s conversationId=%s reason=%s", action.eventId(), action.conversationId(), reason);
        outbox.append(db, new AgentActionRejected(action.eventId() + ":rejected", action.channel(),
                action.channelAccountId(), action.conversationKey(), action.conversationId(), action.agentId(),
                action.eventId(), action.eventType().ceType(), reason, explanation, Instant.now()));
    }

    private Selection selection(Db db, Conversation conversation) {
        Rule rule = queueOf(db, conversation).rule(conversation.escalationStep(), conversation.channel().wireName());
        return Selection.evaluate(rule, Candidates.load(db, conversation.channel(), conversation.id()), Instant.now(),
                config.maxExplainedCandidates()).preferring(conversation.stickyAgentId());
    }

    // To an agent: the conversation stays in its queue.
    private static ConversationTransferred transferred(Conversation conversation, TransferRequested action,
            RoutingExplanation explanation) {
        return new ConversationTransferred(action.eventId() + ":transferred", conversation.channel(),
                conversation.channelAccountId(), conversation.key(), conversation.id(), action.agentId(),
                conversation.queueId(), action.toAgentId(), conversation.queueId(), action.reason(), action.eventId(),
                explanation, Instant.now());
    }

    private static MessageRouted routed(Conversation conversation, String agentId, MessageReceived message) {
        return new MessageRouted(message.eventId() + ":routed:" + agentId, conversation.channel(),
                conversation.channelAccountId(), conversation.key(), conversation.id(), agentId, message.eventId(),
                message.externalMessageId(), message.customer(), message.content(), message.occurredAt(),
                Instant.now());
    }

    private static void hold(Db db, Conversation conversation, MessageReceived message) {
        db.update("INSERT INTO routing.held_messages (event_id, conversation_id, payload) VALUES ($1, $2, $3)"
                + " ON CONFLICT DO NOTHING", message.eventId(), conversation.id(),
                Buffer.buffer(CloudEventCodec.data(message)));
    }

    private static Conversation find(Db db, String conversationId) {
        Row row = db.one("SELECT " + Conversation.COLUMNS + " FROM routing.conversations WHERE conversation_id = $1",
                conversationId);
        return row == null ? null : Conversation.of(row);
    }

    /** Records the input event; false when it was processed before (the primary key decides, across replicas). */
    private static boolean firstTime(Db db, String eventId) {
        return db.update(INBOX.claimSql(), eventId) == 1;
    }

    // Derived from the first message, so the same first message always names the same episode.
    private static String conversationIdFor(MessageReceived message) {
        return "conv-" + UUID.nameUUIDFromBytes(message.eventId().getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static byte[] json(RoutingExplanation explanation) {
        try {
            return CloudEventCodec.JSON.writeValueAsBytes(explanation);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private enum Outcome {
        NONE, OFFERED, ASSIGNED
    }
}
