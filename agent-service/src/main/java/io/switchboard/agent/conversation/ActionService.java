package io.switchboard.agent.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.agent.customer.ConversationAccess;
import io.switchboard.agent.directory.Agent;
import io.switchboard.agent.directory.AgentStates;
import io.switchboard.agent.live.FeedTypes;
import io.switchboard.agent.live.LiveFeed;
import io.switchboard.agent.notes.NotesService;
import io.switchboard.agent.outbox.EventOutbox;
import io.switchboard.agent.presence.PresenceService;
import io.switchboard.agent.transcript.MediaLinks;
import io.switchboard.events.Channel;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.EventType;
import io.switchboard.events.OfferAccepted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.TransferRequested;

/**
 * The agents' actions. Each is checked against agent-service's view (the offer or conversation must be the
 * agent's), its idempotency key claimed ({@link IdempotencyKeys}), then written to the outbox with an event id
 * derived from agent and key ({@link ActionIds}): a retried or concurrent click with the same key gets the same
 * answer, and is published once.
 */
@ApplicationScoped
public class ActionService {

    private final EventOutbox outbox;
    private final IdempotencyKeys keys;
    private final AgentStates states;
    private final PresenceService presence;
    private final AgentConfig config;
    private final LiveFeed feed;

    public ActionService(EventOutbox outbox, IdempotencyKeys keys, AgentStates states, PresenceService presence,
            AgentConfig config, LiveFeed feed) {
        this.outbox = outbox;
        this.keys = keys;
        this.feed = feed;
        this.states = states;
        this.presence = presence;
        this.config = config;
    }

    @WithTransaction
    public Uni<ActionAccepted> accept(String agentId, String offerId, String key) {
        return offer(agentId, offerId).flatMap(offer -> once(agentId, key, EventType.OFFER_ACCEPTED,
                offer.conversationKey, id -> {
                    checkOpen(offer);
                    offer.state = OfferView.ACCEPTED;
                    return presence.offerAnswered(agentId).replaceWith(new OfferAccepted(id, offer.channel,
                            offer.channelAccountId, offer.conversationKey, offer.conversationId, agentId,
                            offer.offerId, Instant.now()));
                }));
    }

    @WithTransaction
    public Uni<ActionAccepted> decline(String agentId, String offerId, String key, ActionRequests.Decline body) {
        return offer(agentId, offerId).flatMap(offer -> once(agentId, key, EventType.OFFER_DECLINED,
                offer.conversationKey, id -> {
                    checkOpen(offer);
                    offer.state = OfferView.DECLINED;
                    return presence.offerAnswered(agentId).replaceWith(new OfferDeclined(id, offer.channel,
                            offer.channelAccountId, offer.conversationKey, offer.conversationId, agentId,
                            offer.offerId, body == null ? null : body.reason(), Instant.now()));
                }));
    }

    @WithTransaction
    public Uni<ActionAccepted> resolve(String agentId, String conversationKey, String key,
            ActionRequests.Resolve body) {
        return mine(agentId, conversationKey).flatMap(view -> once(agentId, key, EventType.RESOLUTION_REQUESTED,
                conversationKey, id -> Uni.createFrom().item(new ResolutionRequested(id, view.channel,
                        view.channelAccountId, conversationKey, view.conversationId, agentId, body.disposition(),
                        body.reason(), Instant.now()))));
    }

    @WithTransaction
    public Uni<ActionAccepted> transfer(String agentId, String conversationKey, String key,
            ActionRequests.Transfer body) {
        boolean toAgent = body.toAgentId() != null && !body.toAgentId().isBlank();
        boolean toQueue = body.toQueueId() != null && !body.toQueueId().isBlank();
        if (!toAgent && !toQueue) {
            throw ApiException.badRequest("transfer_target_required", "name toAgentId or toQueueId");
        }
        if (toAgent && body.toAgentId().equals(agentId)) {
            throw ApiException.badRequest("transfer_to_self", "the conversation is already yours");
        }
        return mine(agentId, conversationKey).flatMap(view -> once(agentId, key, EventType.TRANSFER_REQUESTED,
                conversationKey, id -> {
                    Uni<Void> target = toAgent ? states.findActive(body.toAgentId()).replaceWithVoid()
                            : Uni.createFrom().voidItem();
                    return target.replaceWith(new TransferRequested(id, view.channel, view.channelAccountId,
                            conversationKey, view.conversationId, agentId, toAgent ? body.toAgentId() : null,
                            toQueue ? body.toQueueId() : null, body.reason(), Instant.now()));
                }));
    }

    @WithTransaction
    public Uni<ActionAccepted> reply(String agentId, String conversationKey, String key, ActionRequests.Reply body) {
        ReplyContent content = content(body);
        return mine(agentId, conversationKey).flatMap(view -> once(agentId, key, EventType.REPLY_REQUESTED,
                conversationKey, id -> {
                    checkWindow(view, content.kind());
                    Instant now = Instant.now();
                    return Agent.<Agent>findById(agentId).flatMap(agent -> {
                        TranscriptEntry entry = new TranscriptEntry();
                        entry.eventId = id;
                        entry.conversationKey = conversationKey;
                        entry.conversationId = view.conversationId;
                        entry.direction = TranscriptEntry.OUTBOUND;
                        entry.kind = content.kind().wireName();
                        entry.text = content.text() != null ? content.text()
                                : content.media() != null ? content.media().url() : content.template().name();
                        entry.agentId = agentId;
                        entry.at = now;
                        entry.deliveryStatus = DeliveryStatus.PENDING;
                        return entry.persist().call(() -> feed.append(agentId, conversationKey,
                                FeedTypes.REPLY_REQUESTED, ConversationDetails.Message.of(entry))).replaceWith(new ReplyRequested(id, view.channel,
                                view.channelAccountId, conversationKey, recipient(view), agentId,
                                agent == null ? null : agent.displayName, content, now));
                    });
                }));
    }

    @WithSession
    public Uni<List<OfferDetails>> openOffers(String agentId) {
        Instant now = Instant.now();
        return OfferView.<OfferView>list("agentId = ?1 and state = ?2 order by expiresAt", agentId, OfferView.OPEN)
                .map(offers -> offers.stream().filter(o -> o.expiresAt == null || o.expiresAt.isAfter(now))
                        .map(OfferDetails::of).toList());
    }

    /** Open conversations: the agent's own, or everybody's when {@code agentId} is null (supervisors). */
    @WithSession
    public Uni<List<ConversationDetails>> conversations(String agentId) {
        Uni<List<ConversationView>> views = agentId == null
                ? ConversationView.list("open = true order by updatedAt desc")
                : ConversationView.list("open = true and agentId = ?1 order by updatedAt desc", agentId);
        return views.flatMap(list -> io.smallrye.mutiny.Multi.createFrom().iterable(list)
                .onItem().transformToUniAndConcatenate(view -> transcript(view, agentId))
                .collect().asList());
    }

    /** The given conversations with their transcripts, as supervisors see them (their search). */
    @WithSession
    public Uni<List<ConversationDetails>> details(List<ConversationView> views) {
        return io.smallrye.mutiny.Multi.createFrom().iterable(views)
                .onItem().transformToUniAndConcatenate(view -> transcript(view, null)).collect().asList();
    }

    /** One conversation with its transcript; an agent may read only their own. */
    @WithSession
    public Uni<ConversationDetails> conversation(String agentId, String conversationKey) {
        return (agentId == null ? known(conversationKey) : mine(agentId, conversationKey))
                .flatMap(view -> transcript(view, agentId));
    }

    /** Media is linked under the caller's own path: the agent's, or the supervisors' when {@code agentId} is null. */
    private Uni<ConversationDetails> transcript(ConversationView view, String agentId) {
        return TranscriptEntry.<TranscriptEntry>list("conversationKey = ?1 and conversationId = ?2 order by id",
                view.conversationKey, view.conversationId).map(entries -> ConversationDetails.of(view, entries,
                        agentId == null ? MediaLinks.SUPERVISOR_BASE : MediaLinks.AGENT_BASE))
                .flatMap(details -> NotesService.episodeNotes(view.conversationKey, view.conversationId)
                        .flatMap(notes -> NotesService.episodeTags(view.conversationKey, view.conversationId)
                                .map(tags -> details.withNotes(notes, tags.tags()))));
    }

    /**
     * Claims the agent's idempotency key, then runs {@code create} and appends its event, unless the key was used
     * before; {@code create} gets the event id ({@link ActionIds#eventId}: the agent's key, never another agent's).
     */
    private Uni<ActionAccepted> once(String agentId, String key, EventType type, String conversationKey,
            java.util.function.Function<String, Uni<? extends ConversationEvent>> create) {
        String id = ActionIds.eventId(agentId, key);
        ActionAccepted answer = new ActionAccepted(id, type.ceType(), conversationKey);
        return keys.claim(agentId, key, type.ceType(), conversationKey).flatMap(claimed -> claimed
                ? create.apply(id).flatMap(event -> outbox.append(event)).replaceWith(answer)
                : Uni.createFrom().item(answer));
    }

    private static Uni<OfferView> offer(String agentId, String offerId) {
        return OfferView.<OfferView>findById(offerId).map(offer -> {
            if (offer == null) {
                throw ApiException.notFound("unknown_offer", "no offer with id " + offerId);
            }
            if (!offer.agentId.equals(agentId)) {
                throw ApiException.forbidden("not_yours", "offer " + offerId + " was made to another agent");
            }
            return offer;
        });
    }

    private static void checkOpen(OfferView offer) {
        if (OfferView.EXPIRED.equals(offer.state)
                || (OfferView.OPEN.equals(offer.state) && offer.expiresAt != null
                        && !offer.expiresAt.isAfter(Instant.now()))) {
            throw ApiException.conflict("offer_expired", "offer " + offer.offerId + " has expired");
        }
        if (!OfferView.OPEN.equals(offer.state)) {
            throw ApiException.conflict("offer_taken", "offer " + offer.offerId + " was already " + offer.state);
        }
    }

    // Error messages never repeat the key: it may hold a phone number, and error bodies end up in spans and logs.
    private static Uni<ConversationView> known(String conversationKey) {
        return ConversationAccess.known(conversationKey);
    }

    private static Uni<ConversationView> mine(String agentId, String conversationKey) {
        return ConversationAccess.assigned(agentId, conversationKey);
    }

    /** Free text and media need the customer to have written within the channel's window; templates do not. */
    private void checkWindow(ConversationView view, ReplyKind kind) {
        if (kind == ReplyKind.TEMPLATE) {
            return;
        }
        if (view.templateRequiredSince != null) {
            throw ApiException.conflict("window_closed", "the channel refused a reply at " + view.templateRequiredSince
                    + " because the " + view.channel.wireName() + " window is closed; send a template");
        }
        if (view.lastCustomerMessageAt == null) {
            return;
        }
        Duration window = config.replyWindow(view.channel.wireName());
        if (view.lastCustomerMessageAt.plus(window).isBefore(Instant.now())) {
            throw ApiException.conflict("window_closed", "the customer last wrote at " + view.lastCustomerMessageAt
                    + ", outside the " + view.channel.wireName() + " window of " + window + "; send a template");
        }
    }

    private static ReplyContent content(ActionRequests.Reply body) {
        switch (body.kind()) {
            case "text":
                if (body.text() == null || body.text().isBlank()) {
                    throw ApiException.badRequest("text_required", "a text reply needs text");
                }
                return ReplyContent.text(body.text());
            case "media":
                if (body.media() == null) {
                    throw ApiException.badRequest("media_required", "a media reply needs media");
                }
                return new ReplyContent(ReplyKind.MEDIA, null, new ReplyContent.Media(body.media().kind(),
                        body.media().url(), body.media().caption(), body.media().filename()), null, null, null, null);
            default:
                if (body.template() == null) {
                    throw ApiException.badRequest("template_required", "a template reply needs a template");
                }
                List<ReplyContent.Template.Parameter> parameters = body.template().parameters() == null ? List.of()
                        : body.template().parameters().stream()
                                .map(text -> new ReplyContent.Template.Parameter("text", text, null, null)).toList();
                List<ReplyContent.Template.Component> components = parameters.isEmpty() ? List.of()
                        : List.of(new ReplyContent.Template.Component("body", null, null, parameters));
                return new ReplyContent(ReplyKind.TEMPLATE, null, null,
                        new ReplyContent.Template(body.template().name(), body.template().language(), components),
                        null, null, null);
        }
    }

    /**
     * The customer, from the conversation key {@code prefix:account:user}; a custom source's key names its
     * conversation ({@code custom:source:conversation}), and its user is the routed messages' customer.
     */
    private static ReplyRequested.Recipient recipient(ConversationView view) {
        String key = view.conversationKey;
        String user = key.substring(key.indexOf(':', key.indexOf(':') + 1) + 1);
        if (view.channel == Channel.WHATSAPP) {
            // The key names a phone (digits) or a business-scoped user id (CC.digits): outbound sends to or recipient.
            boolean phone = user.chars().allMatch(Character::isDigit);
            return new ReplyRequested.Recipient(user, phone ? user : null, !phone && user.indexOf('.') > 0 ? user : null,
                    null);
        }
        if (view.channel == Channel.SMS) {
            // The key's user part is the customer's E.164 digits: the number outbound sends To.
            return new ReplyRequested.Recipient(user, user, null, null);
        }
        if (view.channel == Channel.CUSTOM) {
            return new ReplyRequested.Recipient(view.customerExternalId, null, null, user);
        }
        return new ReplyRequested.Recipient(user, null, null, null);
    }
}
