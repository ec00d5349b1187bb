package io.switchboard.agent.conversation;

import java.time.Instant;
import java.util.List;

/** A conversation as its agent sees it, with its transcript (oldest first). */
public record ConversationDetails(String conversationKey, String conversationId, String channel,
        String channelAccountId, String agentId, String queueId, boolean open, Instant lastCustomerMessageAt,
        List<Message> transcript) {

    /**
     * @param direction      {@code inbound} (the customer's) or {@code outbound} (the agent's reply)
     * @param status         a reply's delivery: {@code pending}, {@code retrying}, {@code accepted}, {@code sent},
     *                       {@code delivered}, {@code read}, {@code played} or {@code failed}; null for inbound
     * @param statusReason   why it failed or is retried
     */
    public record Message(String eventId, String direction, String kind, String text, String agentId, Instant at,
            String status, String statusReason) {

        static Message of(TranscriptEntry entry) {
            return new Message(entry.eventId, entry.direction, entry.kind, entry.text, entry.agentId, entry.at,
                    entry.deliveryStatus, entry.deliveryReason);
        }
    }

    static ConversationDetails of(ConversationView view, List<TranscriptEntry> transcript) {
        return new ConversationDetails(view.conversationKey, view.conversationId, view.channel.wireName(),
                view.channelAccountId, view.agentId, view.queueId, view.open, view.lastCustomerMessageAt,
                transcript.stream().map(Message::of).toList());
    }
}
