package io.switchboard.agent.canned;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ActionIds;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.agent.conversation.IdempotencyKeys;
import io.switchboard.agent.customer.ConversationAccess;
import io.switchboard.agent.customer.CustomerProfile;
import io.switchboard.agent.directory.Agent;
import io.switchboard.messaging.http.ApiException;

/**
 * Canned replies: supervisors create, change and delete them; agents get those that apply to one of their
 * conversations (its queue and channel) rendered for it ({@link Placeholders}).
 */
@ApplicationScoped
public class CannedReplies {

    /** The label of a creating POST's Idempotency-Key. */
    static final String CANNED_REPLY_CREATED = "switchboard.canned-reply.created";
    private static final String RECORD_KEY = "canned-replies";

    private final IdempotencyKeys keys;

    public CannedReplies(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @WithTransaction
    public Uni<CannedReplyDetails> create(String author, String key, CannedReplyRequest body) {
        checkPlaceholders(body.text());
        String id = ActionIds.eventId(author, key);
        return keys.claim(author, key, CANNED_REPLY_CREATED, RECORD_KEY).flatMap(claimed -> {
            if (!claimed) {
                return find(id).map(CannedReplyDetails::of);
            }
            CannedReply reply = new CannedReply();
            reply.id = id;
            reply.createdBy = author;
            reply.createdAt = Instant.now();
            apply(reply, body);
            return reply.persist().map(ignored -> CannedReplyDetails.of(reply));
        });
    }

    @WithTransaction
    public Uni<CannedReplyDetails> replace(String id, CannedReplyRequest body) {
        checkPlaceholders(body.text());
        return find(id).map(reply -> {
            apply(reply, body);
            return CannedReplyDetails.of(reply);
        });
    }

    @WithTransaction
    public Uni<Void> delete(String id) {
        return find(id).flatMap(reply -> reply.delete());
    }

    @WithSession
    public Uni<CannedReplyDetails> one(String id) {
        return find(id).map(CannedReplyDetails::of);
    }

    /** Every canned reply, or those offered for a queue and/or channel. */
    @WithSession
    public Uni<List<CannedReplyDetails>> list(String queueId, String channel) {
        return CannedReply.<CannedReply>list("order by title, id").map(replies -> replies.stream()
                .filter(reply -> (queueId == null || queueId.equals(reply.queueId) || reply.queueId == null)
                        && (channel == null || channel.equals(reply.channel) || reply.channel == null))
                .map(CannedReplyDetails::of).toList());
    }

    /** The replies that apply to the agent's conversation, rendered for it. */
    @WithSession
    public Uni<List<RenderedReply>> forConversation(String agentId, String conversationKey) {
        return ConversationAccess.assigned(agentId, conversationKey).flatMap(view -> values(agentId, view)
                .flatMap(values -> CannedReply.<CannedReply>list("order by title, id").map(replies -> replies
                        .stream().filter(reply -> reply.appliesTo(view.queueId, view.channel.wireName()))
                        .map(reply -> render(reply, values)).toList())));
    }

    /** One reply rendered for the agent's conversation; 404 when it does not apply to it. */
    @WithSession
    public Uni<RenderedReply> renderedFor(String agentId, String conversationKey, String id) {
        return ConversationAccess.assigned(agentId, conversationKey).flatMap(view -> find(id).flatMap(reply -> {
            if (!reply.appliesTo(view.queueId, view.channel.wireName())) {
                throw unknown();
            }
            return values(agentId, view).map(values -> render(reply, values));
        }));
    }

    private static Uni<java.util.Map<String, String>> values(String agentId, ConversationView view) {
        return CustomerProfile.<CustomerProfile>findById(view.conversationKey).flatMap(profile -> Agent
                .<Agent>findById(agentId).map(agent -> Placeholders.values(profile == null ? null
                        : profile.displayName, agent == null ? null : agent.displayName)));
    }

    private static RenderedReply render(CannedReply reply, java.util.Map<String, String> values) {
        return new RenderedReply(reply.id, reply.title, Placeholders.render(reply.text, values), reply.text,
                reply.queueId, reply.channel);
    }

    private static void apply(CannedReply reply, CannedReplyRequest body) {
        reply.title = body.title().strip();
        reply.text = body.text();
        reply.queueId = body.queueId() == null || body.queueId().isBlank() ? null : body.queueId();
        reply.channel = body.channel();
        reply.updatedAt = Instant.now();
    }

    private static void checkPlaceholders(String text) {
        List<String> unknown = Placeholders.unknown(text);
        if (!unknown.isEmpty()) {
            throw new ApiException(400, "unknown_placeholder", "the text uses placeholders this service does not "
                    + "know; known: " + String.join(", ", Placeholders.NAMES.stream().sorted().toList()),
                    unknown.stream().map(name -> "text: {{" + name + "}}").toList());
        }
    }

    private static Uni<CannedReply> find(String id) {
        return CannedReply.<CannedReply>findById(id).onItem().ifNull().failWith(CannedReplies::unknown);
    }

    private static ApiException unknown() {
        return ApiException.notFound("unknown_canned_reply", "no canned reply with that id for this conversation");
    }
}
