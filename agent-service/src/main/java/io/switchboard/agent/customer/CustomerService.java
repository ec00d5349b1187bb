package io.switchboard.agent.customer;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ConversationDetails;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.agent.conversation.TranscriptEntry;
import io.switchboard.agent.notes.NotesService;
import io.switchboard.agent.transcript.MediaLinks;
import io.switchboard.messaging.http.ApiException;

/**
 * The customer of a conversation and their closed conversations, for the agent it is assigned to ({@code agentId})
 * or a supervisor ({@code agentId} null). "The same customer" is the conversation key: an identity change moves the
 * profile, episodes and transcript to the new key (IdentityListener), so the history follows the customer.
 */
@ApplicationScoped
public class CustomerService {

    @WithSession
    public Uni<CustomerDetails> customer(String agentId, String conversationKey) {
        return ConversationAccess.forCaller(agentId, conversationKey).flatMap(view -> CustomerProfile
                .<CustomerProfile>findById(conversationKey).flatMap(profile -> Episode.<Episode>list(
                        "conversationKey = ?1 and closedAt is not null order by openedAt desc", conversationKey)
                        .map(episodes -> details(view, profile, episodes, base(agentId)))));
    }

    @WithSession
    public Uni<ConversationHistory> history(String agentId, String conversationKey, String conversationId) {
        return ConversationAccess.forCaller(agentId, conversationKey)
                .flatMap(view -> Episode.<Episode>findById(conversationId))
                .invoke(episode -> {
                    if (episode == null || !episode.conversationKey.equals(conversationKey) || episode.closedAt == null) {
                        throw ApiException.notFound("unknown_history",
                                "no closed conversation with that id for this customer");
                    }
                })
                .flatMap(episode -> TranscriptEntry.<TranscriptEntry>list(
                        "conversationKey = ?1 and conversationId = ?2 order by id", conversationKey, conversationId)
                        .flatMap(entries -> NotesService.episodeNotes(conversationKey, conversationId)
                                .flatMap(notes -> NotesService.episodeTags(conversationKey, conversationId)
                                        .map(tags -> new ConversationHistory(conversationKey, conversationId,
                                                episode.channel.wireName(), episode.openedAt, episode.closedAt,
                                                episode.queueId, episode.agentId, episode.outcome,
                                                episode.disposition, episode.reason, entries.stream()
                                                        .map(entry -> ConversationDetails.Message.of(entry,
                                                                base(agentId)))
                                                        .toList(), notes, tags.tags())))));
    }

    private static String base(String agentId) {
        return agentId == null ? MediaLinks.SUPERVISOR_BASE : MediaLinks.AGENT_BASE;
    }

    private static CustomerDetails details(ConversationView view, CustomerProfile profile, List<Episode> episodes,
            String base) {
        List<CustomerDetails.PreviousConversation> previous = episodes.stream()
                .map(e -> new CustomerDetails.PreviousConversation(e.conversationId, e.openedAt, e.closedAt,
                        e.queueId, e.agentId, e.outcome, e.disposition, e.reason,
                        base + "/" + view.conversationKey + "/history/" + e.conversationId))
                .toList();
        if (profile == null) {
            // Routing's events came before any customer message: only what the conversation itself says.
            return new CustomerDetails(view.conversationKey, view.channel.wireName(), view.channelAccountId, null,
                    null, null, null, Map.of(), null, null, previous);
        }
        return new CustomerDetails(view.conversationKey, view.channel.wireName(), profile.channelAccountId,
                profile.externalUserId, profile.displayName, profile.username, profile.language,
                Map.copyOf(profile.identities), profile.firstContactAt, profile.lastContactAt, previous);
    }
}
