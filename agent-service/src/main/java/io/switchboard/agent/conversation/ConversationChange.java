package io.switchboard.agent.conversation;

import com.fasterxml.jackson.annotation.JsonInclude;

/** A feed item saying what happened to a conversation or offer (assigned, transferred away, resolved, expired …). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConversationChange(String conversationId, String offerId, String agentId, String queueId,
        String toAgentId, String toQueueId, String disposition, String reason, String actionEventId,
        String actionType) {
}
