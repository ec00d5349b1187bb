package io.switchboard.agent.customer;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.outbox.SessionSql;
import io.switchboard.events.ConversationAbandoned;
import io.switchboard.events.ConversationAssigned;
import io.switchboard.events.ConversationEscalated;
import io.switchboard.events.ConversationOffered;
import io.switchboard.events.ConversationQueued;
import io.switchboard.events.ConversationResolved;
import io.switchboard.events.ConversationTransferred;
import io.switchboard.events.Customer;
import io.switchboard.events.MessageRouted;
import io.switchboard.events.RoutingEvent;

/**
 * Keeps the customer's profile and the conversation's episodes from routing's events, in the transaction that
 * applies the event (RoutingListener, through Intake: once per event id). Routing publishes one conversation's
 * events in order on one partition, so a find-then-change per event never races another writer of the same rows.
 */
@ApplicationScoped
public class CustomerHistory {

    private static final int MAX = 255;

    // A rekey (contact.identity-changed) carries the profile and the episodes to the new key. A profile the new key
    // has already is merged: the earliest first contact, the newest last one, the identities of both.
    private static final String MOVE_PROFILE = """
            WITH old AS (DELETE FROM agent.customers WHERE conversationKey = $1 RETURNING *)
            INSERT INTO agent.customers (conversationKey, channel, channelAccountId, externalUserId, displayName,
                username, language, identities, firstContactAt, lastContactAt)
            SELECT $2, channel, channelAccountId, externalUserId, displayName, username, language, identities,
                firstContactAt, lastContactAt FROM old
            ON CONFLICT (conversationKey) DO UPDATE SET
                firstContactAt = LEAST(agent.customers.firstContactAt, EXCLUDED.firstContactAt),
                lastContactAt = GREATEST(agent.customers.lastContactAt, EXCLUDED.lastContactAt),
                identities = EXCLUDED.identities || agent.customers.identities
            """;
    private static final String MOVE_EPISODES = "UPDATE agent.episodes SET conversationKey = $2 WHERE conversationKey = $1";

    /** Records what {@code event} says about the customer and the episode. */
    public Uni<Void> record(RoutingEvent event) {
        Instant at = event.occurredAt() != null ? event.occurredAt() : Instant.now();
        switch (event.eventType()) {
            case MESSAGE_ROUTED: {
                MessageRouted routed = (MessageRouted) event;
                Instant wrote = routed.sentAt() != null ? routed.sentAt() : at;
                return episode(event, at, episode -> assign(episode, routed.agentId()))
                        .call(() -> profile(routed, wrote));
            }
            case CONVERSATION_QUEUED:
                return episode(event, at, episode -> queue(episode, ((ConversationQueued) event).queueId()));
            case CONVERSATION_ESCALATED:
                return episode(event, at, episode -> queue(episode, ((ConversationEscalated) event).queueId()));
            case CONVERSATION_OFFERED:
                return episode(event, at, episode -> queue(episode, ((ConversationOffered) event).queueId()));
            case CONVERSATION_ASSIGNED: {
                ConversationAssigned assigned = (ConversationAssigned) event;
                return episode(event, at, episode -> {
                    queue(episode, assigned.queueId());
                    episode.agentId = assigned.agentId();
                });
            }
            case CONVERSATION_TRANSFERRED: {
                ConversationTransferred transferred = (ConversationTransferred) event;
                return episode(event, at, episode -> queue(episode, transferred.toQueueId()));
            }
            case CONVERSATION_RESOLVED: {
                ConversationResolved resolved = (ConversationResolved) event;
                return episode(event, at, episode -> {
                    queue(episode, resolved.queueId());
                    assign(episode, resolved.agentId());
                    close(episode, at, Episode.RESOLVED, resolved.disposition(), resolved.reason());
                });
            }
            case CONVERSATION_ABANDONED: {
                ConversationAbandoned abandoned = (ConversationAbandoned) event;
                Instant opened = abandoned.queuedAt() != null ? abandoned.queuedAt() : at;
                return episode(event, opened, episode -> {
                    queue(episode, abandoned.queueId());
                    assign(episode, abandoned.agentId());
                    close(episode, at, Episode.ABANDONED, null, abandoned.reason());
                });
            }
            default:
                // Offer expiries, declines and rejected actions change neither the customer nor the episode.
                return Uni.createFrom().voidItem();
        }
    }

    /** Carries the profile and episodes of {@code from} to {@code to}, in the identity change's transaction. */
    public static Uni<Void> rekey(String from, String to) {
        return SessionSql.execute(MOVE_PROFILE, from, to).flatMap(ignored -> SessionSql.execute(MOVE_EPISODES, from, to))
                .replaceWithVoid();
    }

    private static Uni<Void> episode(RoutingEvent event, Instant openedAt,
            java.util.function.Consumer<Episode> change) {
        return Episode.<Episode>findById(event.conversationId()).flatMap(existing -> {
            Episode episode = existing != null ? existing : new Episode();
            if (existing == null) {
                episode.conversationId = event.conversationId();
                episode.conversationKey = event.conversationKey();
                episode.channel = event.channel();
                episode.openedAt = openedAt;
            } else if (openedAt.isBefore(episode.openedAt)) {
                episode.openedAt = openedAt;
            }
            change.accept(episode);
            return existing == null ? episode.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    private static Uni<Void> profile(MessageRouted routed, Instant wrote) {
        return CustomerProfile.<CustomerProfile>findById(routed.conversationKey()).flatMap(existing -> {
            CustomerProfile profile = existing != null ? existing : new CustomerProfile();
            if (existing == null) {
                profile.conversationKey = routed.conversationKey();
                profile.firstContactAt = wrote;
                profile.lastContactAt = wrote;
                profile.identities = Map.of();
            }
            profile.channel = routed.channel();
            profile.channelAccountId = routed.channelAccountId();
            profile.firstContactAt = wrote.isBefore(profile.firstContactAt) ? wrote : profile.firstContactAt;
            profile.lastContactAt = wrote.isAfter(profile.lastContactAt) ? wrote : profile.lastContactAt;
            Customer customer = routed.customer();
            if (customer != null) {
                // The channel does not repeat every field on every message: a missing one keeps what was known.
                profile.externalUserId = orKept(customer.externalUserId(), profile.externalUserId);
                profile.displayName = orKept(customer.displayName(), profile.displayName);
                profile.username = orKept(customer.username(), profile.username);
                profile.language = orKept(customer.language(), profile.language);
                Map<String, String> identities = new LinkedHashMap<>(profile.identities);
                customer.identities().forEach((kind, id) -> {
                    if (kind != null && id != null) {
                        identities.put(clip(kind), clip(id));
                    }
                });
                profile.identities = identities;
            }
            return existing == null ? profile.persist().replaceWithVoid() : Uni.createFrom().voidItem();
        });
    }

    private static void queue(Episode episode, String queueId) {
        if (queueId != null) {
            episode.queueId = queueId;
        }
    }

    private static void assign(Episode episode, String agentId) {
        if (agentId != null) {
            episode.agentId = agentId;
        }
    }

    private static void close(Episode episode, Instant at, String outcome, String disposition, String reason) {
        episode.closedAt = at;
        episode.outcome = outcome;
        episode.disposition = disposition;
        episode.reason = reason;
    }

    private static String orKept(String value, String kept) {
        return value == null || value.isBlank() ? kept : clip(value);
    }

    /**
     * What a channel sends about the customer never refuses their message: cut to the column, NUL (which
     * PostgreSQL refuses in text and jsonb) dropped.
     */
    static String clip(String value) {
        String clean = value.replace("\0", "");
        return clean.length() > MAX ? clean.substring(0, MAX) : clean;
    }
}
