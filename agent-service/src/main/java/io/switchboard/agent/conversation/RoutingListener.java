package io.switchboard.agent.conversation;

import java.time.Instant;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.customer.CustomerHistory;
import io.switchboard.agent.live.FeedTypes;
import io.switchboard.agent.live.LiveFeed;
import io.switchboard.agent.presence.PresenceService;
import io.switchboard.agent.supervisor.ConversationSearch;
import io.switchboard.agent.supervisor.SupervisorFeed;
import io.switchboard.agent.transcript.InboundEntries;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.ConversationAbandoned;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationOfferExpired;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.ThreadControlReported;
import io.switchboard.events.RoutingEvent;

/**
 * Mirrors routing's decisions into the agents' view (offers, assignments, transcript), the presence they cause
 * (wrap-up, missed offers) and the agents' live feeds, through {@link Intake}: the transaction also claims the
 * event id in the inbox, so a redelivered event changes nothing, and a record that cannot be applied is a dead letter.
 */
@ApplicationScoped
public class RoutingListener {

    public static final String CHANNEL = "routing";

    private final PresenceService presence;
    private final LiveFeed feed;
    private final Intake intake;
    private final CustomerHistory history;
    private final SupervisorFeed supervisors;

    public RoutingListener(PresenceService presence, LiveFeed feed, Intake intake, CustomerHistory history,
            SupervisorFeed supervisors) {
        this.presence = presence;
        this.supervisors = supervisors;
        this.feed = feed;
        this.intake = intake;
        this.history = history;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        // The customer's profile and the episode's history (customer package) change in the same transaction.
        return intake.handle(CHANNEL, record, RoutingEvent.class,
                event -> apply(event).call(() -> history.record(event)));
    }

    private Uni<Void> apply(RoutingEvent event) {
        Instant now = Instant.now();
        String key = event.conversationKey();
        switch (event.eventType()) {
            case CONVERSATION_QUEUED: {
                // Waiting conversations are in the view too: supervisors see and act on them.
                ConversationQueued queued = (ConversationQueued) event;
                return conversation(event, now, view -> {
                    view.agentId = null;
                    view.queueId = queued.queueId();
                    view.state = ConversationSearch.QUEUED;
                }).replaceWithVoid();
            }
            case CONVERSATION_OFFERED:
                return offered((ConversationOffered) event);
            case CONVERSATION_OFFER_EXPIRED: {
                ConversationOfferExpired expired = (ConversationOfferExpired) event;
                return offerState(expired.offerId(), OfferView.EXPIRED)
                        .call(() -> presence.offerMissed(expired.agentId(), now))
                        .call(() -> feed.append(expired.agentId(), key, FeedTypes.OFFER_EXPIRED,
                                offerChange(expired.conversationId(), expired.offerId(), null)));
            }
            case CONVERSATION_OFFER_DECLINED: {
                ConversationOfferDeclined declined = (ConversationOfferDeclined) event;
                return offerState(declined.offerId(), OfferView.DECLINED)
                        .call(() -> feed.append(declined.agentId(), key, FeedTypes.OFFER_DECLINED,
                                offerChange(declined.conversationId(), declined.offerId(), declined.reason())));
            }
            case CONVERSATION_ASSIGNED:
                return assigned((ConversationAssigned) event, now);
            case CONVERSATION_TRANSFERRED: {
                ConversationTransferred transferred = (ConversationTransferred) event;
                // Routing follows with an offer, an assignment or a queueing: until then it is nobody's.
                return conversation(event, now, view -> {
                    view.agentId = null;
                    view.queueId = transferred.toQueueId();
                    view.state = ConversationSearch.QUEUED;
                }).call(previousAgent -> feed.append(transferred.fromAgentId() != null ? transferred.fromAgentId()
                        : previousAgent, key, FeedTypes.CONVERSATION_TRANSFERRED,
                        new ConversationChange(transferred.conversationId(), null, transferred.fromAgentId(), null,
                                transferred.toAgentId(), transferred.toQueueId(), null, transferred.reason(),
                                transferred.actionEventId(), null)))
                        .call(previousAgent -> released(transferred,
                                transferred.fromAgentId() != null ? transferred.fromAgentId() : previousAgent)).replaceWithVoid();
            }
            case CONVERSATION_RESOLVED: {
                ConversationResolved resolved = (ConversationResolved) event;
                return conversation(event, now, view -> {
                    view.open = false;
                    view.state = ConversationSearch.RESOLVED;
                }).call(previousAgent -> {
                    String agentId = resolved.agentId() != null ? resolved.agentId() : previousAgent;
                    Uni<Void> pushed = feed.append(agentId, key, FeedTypes.CONVERSATION_RESOLVED,
                            new ConversationChange(resolved.conversationId(), null, agentId, resolved.queueId(),
                                    null, null, resolved.disposition(), resolved.reason(), resolved.actionEventId(),
                                    null));
                    return (resolved.agentId() == null ? pushed : pushed.call(() -> presence.conversationEnded(
                            resolved.agentId(), resolved.channel().wireName(), now)))
                            .call(() -> released(resolved, agentId));
                }).replaceWithVoid();
            }
            case CONVERSATION_ABANDONED: {
                // Routing released the agent's capacity; the agent learns why (e.g. customer_inactive).
                ConversationAbandoned abandoned = (ConversationAbandoned) event;
                return conversation(abandoned, now, view -> {
                    view.open = false;
                    view.state = ConversationSearch.ABANDONED;
                }).call(previousAgent -> {
                    String agentId = abandoned.agentId() != null ? abandoned.agentId() : previousAgent;
                    return feed.append(agentId, key, FeedTypes.CONVERSATION_ABANDONED, new ConversationChange(
                            abandoned.conversationId(), null, agentId, abandoned.queueId(), null, null, null,
                            abandoned.reason(), null, null)).call(() -> released(abandoned, agentId));
                }).replaceWithVoid();
            }
            case AGENT_ACTION_REJECTED: {
                AgentActionRejected rejected = (AgentActionRejected) event;
                ConversationChange change = new ConversationChange(rejected.conversationId(), null,
                        rejected.agentId(), null, null, null, null, rejected.reason(), rejected.actionEventId(),
                        rejected.actionType());
                // Supervisors see every refusal: a supervisor's own actions are answered there.
                return feed.append(rejected.agentId(), key, FeedTypes.ACTION_REJECTED, change)
                        .call(() -> feed.append(SupervisorFeed.FEED, key, FeedTypes.ACTION_REJECTED, change));
            }
            case MESSAGE_ROUTED:
                return routed((MessageRouted) event, now);
            case THREAD_CONTROL_REPORTED: {
                ThreadControlReported reported = (ThreadControlReported) event;
                return conversation(reported, now, view -> view.threadOwner = reported.threadOwner())
                        .call(previousAgent -> feed.append(reported.agentId() != null ? reported.agentId()
                                : previousAgent, key, FeedTypes.THREAD_CONTROL_CHANGED, new ThreadControlChange(
                                        reported.conversationId(), reported.threadOwner(), reported.change(),
                                        reported.appId(), reported.metadata())))
                        .replaceWithVoid();
            }
            default:
                return Uni.createFrom().voidItem();
        }
    }

    private Uni<Void> offered(ConversationOffered event) {
        return OfferView.<OfferView>findById(event.offerId()).flatMap(existing -> {
            if (existing != null) {
                return Uni.createFrom().voidItem();
            }
            OfferView offer = new OfferView();
            offer.offerId = event.offerId();
            offer.conversationKey = event.conversationKey();
            offer.conversationId = event.conversationId();
            offer.channel = event.channel();
            offer.channelAccountId = event.channelAccountId();
            offer.agentId = event.agentId();
            offer.queueId = event.queueId();
            offer.expiresAt = event.expiresAt();
            offer.state = OfferView.OPEN;
            offer.reason = event.reason();
            return offer.persist().call(() -> feed.append(offer.agentId, offer.conversationKey, FeedTypes.OFFER_MADE,
                    OfferDetails.of(offer))).replaceWithVoid();
        });
    }

    private Uni<Void> assigned(ConversationAssigned event, Instant now) {
        Uni<Void> offer = event.offerId() == null ? Uni.createFrom().voidItem()
                : offerState(event.offerId(), OfferView.ACCEPTED);
        return offer.call(() -> conversation(event, now, view -> {
            view.agentId = event.agentId();
            view.queueId = event.queueId();
            view.open = true;
            view.state = ConversationSearch.ASSIGNED;
        }).replaceWithVoid()).call(() -> presence.offerAnswered(event.agentId()))
                .call(() -> feed.append(event.agentId(), event.conversationKey(), FeedTypes.CONVERSATION_ASSIGNED,
                        new ConversationChange(event.conversationId(), event.offerId(), event.agentId(),
                                event.queueId(), null, null, null, null, null, null)))
                .call(() -> supervisors.conversationMoved(event.agentId(), event.conversationKey(),
                        event.conversationId(), event.channel().wireName(), event.queueId(),
                        SupervisorFeed.ASSIGNED, event.actionEventId()));
    }

    /** The supervisors' feed: {@code agentId} no longer holds the conversation. */
    private Uni<Void> released(RoutingEvent event, String agentId) {
        String action = event instanceof ConversationResolved resolved ? resolved.actionEventId()
                : event instanceof ConversationTransferred transferred ? transferred.actionEventId() : null;
        return supervisors.conversationMoved(agentId, event.conversationKey(), event.conversationId(),
                event.channel().wireName(), null, SupervisorFeed.RELEASED, action);
    }

    private Uni<Void> routed(MessageRouted event, Instant now) {
        TranscriptEntry entry = InboundEntries.entry(event);
        return conversation(event, now, view -> {
            if (view.agentId == null) {
                view.agentId = event.agentId();
            }
            if (event.customer() != null && event.customer().externalUserId() != null) {
                view.customerExternalId = event.customer().externalUserId();
            }
            if (view.open && ConversationSearch.QUEUED.equals(view.state)) {
                // Routed messages go to the assigned agent only.
                view.state = ConversationSearch.ASSIGNED;
            }
            if (InboundEntries.customerWrote(event)
                    && (view.lastCustomerMessageAt == null || entry.at.isAfter(view.lastCustomerMessageAt))) {
                view.lastCustomerMessageAt = entry.at;
                // The customer wrote again: the window a failed reply found closed is open again.
                view.templateRequiredSince = null;
            }
        }).call(previousAgent -> InboundEntries.markOriginal(entry)).call(previousAgent -> entry.persist())
                .call(previousAgent -> feed.append(event.agentId() != null ? event.agentId() : previousAgent,
                        event.conversationKey(), InboundEntries.feedType(event), ConversationDetails.Message.of(entry)))
                .replaceWithVoid();
    }

    private static ConversationChange offerChange(String conversationId, String offerId, String reason) {
        return new ConversationChange(conversationId, offerId, null, null, null, null, null, reason, null, null);
    }

    private static Uni<Void> offerState(String offerId, String state) {
        return OfferView.<OfferView>findById(offerId).invoke(offer -> {
            if (offer != null) {
                offer.state = state;
            }
        }).replaceWithVoid();
    }

    /**
     * Changes the conversation's view, opening it on its first event; a new episode replaces the old one.
     *
     * @return the agent it was assigned to before the change (null if none), for the feed
     */
    private static Uni<String> conversation(RoutingEvent event, Instant now, Consumer<ConversationView> change) {
        ConversationEvent conversationEvent = event;
        return ConversationView.<ConversationView>findById(conversationEvent.conversationKey()).flatMap(existing -> {
            ConversationView view = existing == null ? new ConversationView() : existing;
            String previousAgent = existing == null ? null : existing.agentId;
            if (existing == null || !event.conversationId().equals(existing.conversationId)) {
                view.conversationKey = conversationEvent.conversationKey();
                view.conversationId = event.conversationId();
                view.channel = conversationEvent.channel();
                view.channelAccountId = conversationEvent.channelAccountId();
                view.agentId = null;
                view.open = true;
                view.lastCustomerMessageAt = existing == null ? null : existing.lastCustomerMessageAt;
                view.openedAt = now;
                view.customerId = ConversationSearch.customerOf(view.conversationKey);
                view.state = ConversationSearch.QUEUED;
            }
            change.accept(view);
            view.updatedAt = now;
            return (existing == null ? view.persist().replaceWithVoid() : Uni.createFrom().voidItem())
                    .replaceWith(previousAgent);
        });
    }
}
