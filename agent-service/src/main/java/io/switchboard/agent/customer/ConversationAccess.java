package io.switchboard.agent.customer;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.messaging.http.ApiException;

/**
 * Who may see a conversation's customer, notes, tags and canned replies: the agent it is assigned to (as
 * MyConversationsResource's actions check it), or a supervisor (any conversation this service knows). Error
 * messages never repeat the key: it may hold a phone number.
 */
public final class ConversationAccess {

    private ConversationAccess() {
    }

    /** Any conversation this service knows (supervisors); 404 {@code unknown_conversation} otherwise. */
    public static Uni<ConversationView> known(String conversationKey) {
        return ConversationView.<ConversationView>findById(conversationKey).onItem().ifNull()
                .failWith(() -> ApiException.notFound("unknown_conversation", "no conversation with that key"));
    }

    /**
     * The conversation if it is open and assigned to {@code agentId}: 403 {@code not_yours} if it is somebody else's,
     * 409 {@code conversation_closed} if it was the agent's and is closed, 404 if unknown.
     */
    public static Uni<ConversationView> assigned(String agentId, String conversationKey) {
        return known(conversationKey).invoke(view -> {
            if (!view.open && agentId.equals(view.agentId)) {
                throw ApiException.conflict("conversation_closed",
                        "the conversation was resolved or abandoned; a customer message opens a new one");
            }
            if (!view.open || !agentId.equals(view.agentId)) {
                throw ApiException.forbidden("not_yours", "the conversation is not assigned to you");
            }
        });
    }

    /** {@link #assigned} for an agent, {@link #known} for a supervisor ({@code agentId} null). */
    public static Uni<ConversationView> forCaller(String agentId, String conversationKey) {
        return agentId == null ? known(conversationKey) : assigned(agentId, conversationKey);
    }
}
