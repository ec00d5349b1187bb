package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.presence.PresenceService;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationRef;
import io.switchboard.events.ConversationAbandoned;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationOfferExpired;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.RoutingEvent;
import io.switchboard.events.SwitchboardEvent;

/**
 * Mirrors routing's decisions into the agents' view (offers, assignments, transcript) and the presence they cause
 * (wrap-up, missed offers). The offset is committed after the transaction, which also records the event id, so a
 * redelivered event changes nothing.
 */
@ApplicationScoped
public class RoutingListener {

    public static final String CHANNEL = "routing";

    private static final Logger LOG = Logger.getLogger(RoutingListener.class);

    private final PresenceService presence;

    public RoutingListener(PresenceService presence) {
        this.presence = presence;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        SwitchboardEvent decoded;
        try {
            decoded = CloudEventCodec.read(record.headers(), record.value());
        } catch (RuntimeException e) {
            // A record agent-service cannot read must not stop the rest; routing's dead letters keep its copy.
            LOG.warnf("skipping unreadable routing record conversation=%s offset=%d reason=%s",
                    ConversationRef.of(record.key()), record.offset(), e.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!(decoded instanceof RoutingEvent)) {
            return Uni.createFrom().voidItem();
        }
        RoutingEvent event = (RoutingEvent) decoded;
        return Panache.withTransaction(() -> ProcessedEvent.<ProcessedEvent>findById(event.eventId())
                .flatMap(seen -> seen != null ? Uni.createFrom().voidItem()
                        : apply(event).call(() -> {
                            ProcessedEvent processed = new ProcessedEvent();
                            processed.eventId = event.eventId();
                            processed.processedAt = Instant.now();
                            return processed.persist();
                        })));
    }

    private Uni<Void> apply(RoutingEvent event) {
        Instant now = Instant.now();
        switch (event.eventType()) {
            case CONVERSATION_OFFERED:
                return offered((ConversationOffered) event);
            case CONVERSATION_OFFER_EXPIRED: {
                ConversationOfferExpired expired = (ConversationOfferExpired) event;
                return offerState(expired.offerId(), OfferView.EXPIRED)
                        .call(() -> presence.offerMissed(expired.agentId(), now));
            }
            case CONVERSATION_OFFER_DECLINED:
                return offerState(((ConversationOfferDeclined) event).offerId(), OfferView.DECLINED);
            case CONVERSATION_ASSIGNED:
                return assigned((ConversationAssigned) event, now);
            case CONVERSATION_TRANSFERRED: {
                ConversationTransferred transferred = (ConversationTransferred) event;
                // Routing follows with an offer, an assignment or a queueing: until then it is nobody's.
                return conversation(event, now, view -> {
                    view.agentId = null;
                    view.queueId = transferred.toQueueId();
                });
            }
            case CONVERSATION_RESOLVED: {
                ConversationResolved resolved = (ConversationResolved) event;
                Uni<Void> closed = conversation(event, now, view -> view.open = false);
                return resolved.agentId() == null ? closed
                        : closed.call(() -> presence.conversationEnded(resolved.agentId(),
                                resolved.channel().wireName(), now));
            }
            case CONVERSATION_ABANDONED:
                return conversation((ConversationAbandoned) event, now, view -> view.open = false);
            case MESSAGE_ROUTED:
                return routed((MessageRouted) event, now);
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
            return offer.persist().replaceWithVoid();
        });
    }

    private Uni<Void> assigned(ConversationAssigned event, Instant now) {
        Uni<Void> offer = event.offerId() == null ? Uni.createFrom().voidItem()
                : offerState(event.offerId(), OfferView.ACCEPTED);
        return offer.call(() -> conversation(event, now, view -> {
            view.agentId = event.agentId();
            view.queueId = event.queueId();
            view.open = true;
        })).call(() -> presence.offerAnswered(event.agentId()));
    }

    private Uni<Void> routed(MessageRouted event, Instant now) {
        TranscriptEntry entry = new TranscriptEntry();
        entry.eventId = event.eventId();
        entry.conversationKey = event.conversationKey();
        entry.conversationId = event.conversationId();
        entry.direction = TranscriptEntry.INBOUND;
        entry.kind = event.content() == null || event.content().type() == null ? null
                : event.content().type().toString().toLowerCase(java.util.Locale.ROOT);
        entry.text = event.content() == null ? null : event.content().text();
        entry.at = event.sentAt() == null ? event.occurredAt() : event.sentAt();
        return conversation(event, now, view -> {
            if (view.agentId == null) {
                view.agentId = event.agentId();
            }
            if (view.lastCustomerMessageAt == null || entry.at.isAfter(view.lastCustomerMessageAt)) {
                view.lastCustomerMessageAt = entry.at;
            }
        }).call(() -> entry.persist());
    }

    private static Uni<Void> offerState(String offerId, String state) {
        return OfferView.<OfferView>findById(offerId).invoke(offer -> {
            if (offer != null) {
                offer.state = state;
            }
        }).replaceWithVoid();
    }

    /** Changes the conversation's view, opening it on its first event; a new episode replaces the old one. */
    private static <E extends RoutingEvent> Uni<Void> conversation(E event, Instant now,
            java.util.function.Consumer<ConversationView> change) {
        ConversationEvent conversationEvent = event;
        return ConversationView.<ConversationView>findById(conversationEvent.conversationKey()).flatMap(existing -> {
            ConversationView view = existing == null ? new ConversationView() : existing;
            if (existing == null || !event.conversationId().equals(existing.conversationId)) {
                view.conversationKey = conversationEvent.conversationKey();
                view.conversationId = event.conversationId();
                view.channel = conversationEvent.channel();
                view.channelAccountId = conversationEvent.channelAccountId();
                view.agentId = null;
                view.open = true;
                view.lastCustomerMessageAt = existing == null ? null : existing.lastCustomerMessageAt;
            }
            change.accept(view);
            view.updatedAt = now;
            return existing == null ? view.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }
}
