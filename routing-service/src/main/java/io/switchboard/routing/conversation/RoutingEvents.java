package io.switchboard.routing.conversation;

import java.time.Instant;
import java.util.List;

import io.switchboard.events.AgentActionEvent;
import io.switchboard.events.AgentActionRejected;
import io.switchboard.events.CallEnded;
import io.switchboard.events.CallPermissionAnswered;
import io.switchboard.events.CallReceived;
import io.switchboard.events.Channel;
import io.switchboard.events.ConversationAbandoned;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEscalated;
import io.switchboard.events.ConversationOfferDeclined;
import io.switchboard.events.ConversationOfferExpired;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.Customer;
import io.switchboard.events.InboundEvent;
import io.switchboard.events.MessageEdited;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageRevoked;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.OfferDeclined;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.events.ResolutionRequested;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.events.TransferRequested;
import io.switchboard.routing.queue.BusinessHours;

/**
 * The events routing publishes, built from the conversation they are about. Event ids are derived from what caused
 * them, so a step that runs again after a failure writes the same ids and consumers deduplicate.
 */
final class RoutingEvents {

    static final String AGENT_OFFLINE = "agent_offline";
    /** {@link ConversationAbandoned} reasons, as the contract names them. */
    static final String MAX_WAIT_EXCEEDED = "max_wait_exceeded";
    static final String CUSTOMER_INACTIVE = "customer_inactive";

    private RoutingEvents() {
    }

    static ConversationQueued queued(Conversation c, String reason, String cause, String idPart,
            RoutingExplanation explanation) {
        return new ConversationQueued(c.id() + ":queued:" + idPart, c.channel(), c.channelAccountId(), c.key(),
                c.id(), c.queueId(), c.priority(), reason, cause, explanation, Instant.now());
    }

    static ConversationOffered offered(Conversation c, String offerId, String agentId, OfferStore.Made offer,
            RoutingExplanation explanation) {
        return new ConversationOffered(offerId + ":offered", c.channel(), c.channelAccountId(), c.key(), c.id(),
                c.queueId(), offerId, agentId, offer.expiresAt(), explanation, offer.offeredAt(),
                c.callback() ? ConversationOffered.CALLBACK_REQUESTED : null);
    }

    static ConversationAssigned assigned(Conversation c, String agentId, String offerId, String actionEventId,
            RoutingExplanation explanation) {
        String cause = offerId != null ? offerId : actionEventId != null ? actionEventId : "direct";
        return new ConversationAssigned(c.id() + ":assigned:" + cause, c.channel(), c.channelAccountId(), c.key(),
                c.id(), c.queueId(), agentId, offerId, actionEventId, explanation, Instant.now());
    }

    static ConversationOfferDeclined declined(Conversation c, OfferDeclined action) {
        return new ConversationOfferDeclined(action.offerId() + ":declined", c.channel(), c.channelAccountId(),
                c.key(), c.id(), c.queueId(), action.offerId(), action.agentId(), action.reason(), action.eventId(),
                Instant.now());
    }

    static ConversationOfferDeclined withdrawn(Conversation c, String offerId, String agentId) {
        return new ConversationOfferDeclined(offerId + ":withdrawn", c.channel(), c.channelAccountId(), c.key(),
                c.id(), c.queueId(), offerId, agentId, AGENT_OFFLINE, null, Instant.now());
    }

    static ConversationOfferExpired expired(Conversation c, String offerId, OfferStore.Lapsed offer) {
        return new ConversationOfferExpired(offerId + ":expired", c.channel(), c.channelAccountId(), c.key(), c.id(),
                c.queueId(), offerId, offer.agentId(), offer.offeredAt(), Instant.now());
    }

    static ConversationResolved resolved(Conversation c, ResolutionRequested action) {
        return new ConversationResolved(c.id() + ":resolved", c.channel(), c.channelAccountId(), c.key(), c.id(),
                c.queueId(), action.agentId(), action.disposition(), action.reason(), action.eventId(),
                Instant.now());
    }

    /** Back to a queue at the agent's request. */
    static ConversationTransferred transferredToQueue(Conversation c, TransferRequested action, String toQueueId) {
        return new ConversationTransferred(action.eventId() + ":transferred", c.channel(), c.channelAccountId(),
                c.key(), c.id(), action.agentId(), c.queueId(), null, toQueueId, action.reason(), action.eventId(),
                null, Instant.now());
    }

    /** To a named agent: the conversation stays in its queue. */
    static ConversationTransferred transferredToAgent(Conversation c, TransferRequested action,
            RoutingExplanation explanation) {
        return new ConversationTransferred(action.eventId() + ":transferred", c.channel(), c.channelAccountId(),
                c.key(), c.id(), action.agentId(), c.queueId(), action.toAgentId(), c.queueId(), action.reason(),
                action.eventId(), explanation, Instant.now());
    }

    /** Back to its queue because its agent went offline; {@code cause} is the agent event. */
    static ConversationTransferred agentWentOffline(Conversation c, String agentId, String cause) {
        return new ConversationTransferred(c.id() + ":transferred:" + cause, c.channel(), c.channelAccountId(),
                c.key(), c.id(), agentId, c.queueId(), null, c.queueId(), "agent offline", null, null, Instant.now());
    }

    static ConversationEscalated escalated(Conversation after, String fromQueueId, boolean overflow, int step,
            String reason, RoutingExplanation explanation) {
        return new ConversationEscalated(after.id() + ":escalated:" + fromQueueId + ":" + step, after.channel(),
                after.channelAccountId(), after.key(), after.id(), after.queueId(), overflow ? fromQueueId : null,
                step, reason, explanation, Instant.now());
    }

    static AgentActionRejected rejected(AgentActionEvent action, String reason, RoutingExplanation explanation) {
        return new AgentActionRejected(action.eventId() + ":rejected", action.channel(), action.channelAccountId(),
                action.conversationKey(), action.conversationId(), action.agentId(), action.eventId(),
                action.eventType().ceType(), reason, explanation, Instant.now());
    }

    /** A customer's message, reaction, edit or unsend, for the agent the conversation is assigned to. */
    static MessageRouted routed(Conversation c, String agentId, InboundEvent event) {
        String id = event.eventId() + ":routed:" + agentId;
        switch (event.eventType()) {
            case MESSAGE_RECEIVED: {
                MessageReceived m = (MessageReceived) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, m.eventId(),
                        m.externalMessageId(), m.customer(), m.content(), m.occurredAt(), Instant.now(),
                        MessageRouted.Kind.MESSAGE, null, null, null, m.standby());
            }
            case MESSAGE_REACTED: {
                MessageReacted r = (MessageReacted) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, r.eventId(),
                        r.externalMessageId(), r.customer(), null, r.occurredAt(), Instant.now(),
                        MessageRouted.Kind.REACTION, r.reactedMessageId(),
                        new MessageRouted.Reaction(r.emoji(), r.reaction(), r.removed()), null);
            }
            case MESSAGE_EDITED: {
                MessageEdited e = (MessageEdited) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, e.eventId(),
                        e.externalMessageId(), e.customer(), e.content(), e.occurredAt(), Instant.now(),
                        MessageRouted.Kind.EDIT, e.originalMessageId(), null, e.editCount());
            }
            case MESSAGE_REVOKED: {
                MessageRevoked r = (MessageRevoked) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, r.eventId(),
                        r.externalMessageId(), r.customer(), null, r.occurredAt(), Instant.now(),
                        MessageRouted.Kind.REVOCATION, r.originalMessageId(), null, null);
            }
            case CALL_RECEIVED: {
                CallReceived r = (CallReceived) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, r.eventId(),
                        r.callId(), r.customer(), null, r.occurredAt(), Instant.now(), MessageRouted.Kind.CALL, null,
                        null, null, new MessageRouted.Call(r.callId(), r.direction(), null, null, null, null, false),
                        null);
            }
            case CALL_ENDED: {
                CallEnded e = (CallEnded) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, e.eventId(),
                        e.callId(), e.customer(), null, e.occurredAt(), Instant.now(), MessageRouted.Kind.CALL, null,
                        null, null, new MessageRouted.Call(e.callId(), e.direction(), e.outcome(), e.startedAt(),
                                e.endedAt(), e.durationSeconds(), c.callback()), null);
            }
            case CALL_PERMISSION_ANSWERED: {
                CallPermissionAnswered p = (CallPermissionAnswered) event;
                return new MessageRouted(id, c.channel(), c.channelAccountId(), c.key(), c.id(), agentId, p.eventId(),
                        p.externalMessageId(), p.customer(), null, p.occurredAt(), Instant.now(),
                        MessageRouted.Kind.CALL_PERMISSION, null, null, null, null,
                        new MessageRouted.CallPermission(p.accepted(), p.permanent(), p.expiresAt()));
            }
            default:
                throw new IllegalArgumentException(event.eventType().ceType() + " is not routed to agents");
        }
    }

    /** Once per conversation: its id is the conversation's. */
    static ReplyRequested outOfHoursReply(Conversation c, Customer customer, BusinessHours hours) {
        return automatedReply(c, "out-of-hours", customer, hours.outOfHoursReply());
    }

    /** The queue's message to a customer whose conversation was abandoned; once per conversation. */
    static ReplyRequested abandonedReply(Conversation c, Customer customer, String text) {
        return automatedReply(c, "abandoned", customer, text);
    }

    private static ReplyRequested automatedReply(Conversation c, String what, Customer customer, String text) {
        // A custom source's key is custom:<source>:<conversation id>, which its callback needs (custom-source.md 7.1).
        String customConversation = c.channel() == Channel.CUSTOM
                ? c.key().substring(c.channel().conversationKey(c.channelAccountId(), "").length()) : null;
        ReplyRequested.Recipient recipient = new ReplyRequested.Recipient(customer.externalUserId(),
                customer.identities().getOrDefault("phone", customer.identities().get("wa_id")),
                customer.identities().get("bsuid"), customConversation);
        return new ReplyRequested(c.id() + ":" + what, c.channel(), c.channelAccountId(), c.key(), recipient,
                null, null, ReplyContent.text(text), Instant.now());
    }

    /** Closed without an agent resolving it; once per conversation. {@code agentId}: who had it, if anyone. */
    static ConversationAbandoned abandoned(Conversation c, String agentId, String reason, Instant queuedAt) {
        return new ConversationAbandoned(c.id() + ":abandoned", c.channel(), c.channelAccountId(), c.key(), c.id(),
                c.queueId(), agentId, reason, queuedAt, Instant.now());
    }

    /** Moved on by its queue's maximum wait: the other queue's ladder starts (step 0). */
    static ConversationEscalated overflowed(Conversation after, String fromQueueId, String reason,
            RoutingExplanation explanation) {
        return new ConversationEscalated(after.id() + ":escalated:" + fromQueueId + ":max-wait", after.channel(),
                after.channelAccountId(), after.key(), after.id(), after.queueId(), fromQueueId, 0, reason,
                explanation, Instant.now());
    }

    /** The explanation of a transfer to a named agent: only that agent's verdict. */
    static RoutingExplanation namedAgent(Conversation c, long ruleVersion, RoutingExplanation judged,
            String toAgentId) {
        return new RoutingExplanation(c.queueId(), ruleVersion, 0, "direct", List.of("channel " + c.channel().wireName()),
                judged.candidates().stream().filter(v -> v.agentId().equals(toAgentId)).toList(), 0, toAgentId,
                "named by the transferring agent");
    }
}
