package io.switchboard.agent.customer;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.agent.conversation.ConversationDetails;
import io.switchboard.agent.notes.NoteDetails;

/** A closed episode of a customer's, with its transcript (oldest first) and its internal notes and tags. */
@Schema(example = CustomerDocs.HISTORY)
public record ConversationHistory(String conversationKey, String conversationId, String channel, Instant openedAt,
        Instant closedAt, String queueId, String agentId, String outcome, String disposition, String reason,
        List<ConversationDetails.Message> transcript, List<NoteDetails> notes, List<String> tags) {
}
