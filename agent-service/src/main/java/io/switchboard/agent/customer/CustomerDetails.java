package io.switchboard.agent.customer;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The customer of a conversation and their previous (closed) conversations under the same key, which includes
 * keys the customer had before an identity change (docs/agent-api.md, The customer).
 *
 * @param name           the name the channel gave (WhatsApp profile name, Messenger/Instagram name); may be null
 * @param username       Instagram or Telegram-style handle, when the channel has one
 * @param identities     every id the channel gave, by kind ({@code wa_id}, {@code bsuid}, {@code psid},
 *                       {@code igsid}, {@code external_id}, {@code phone}, {@code email})
 * @param firstContactAt when this customer first wrote under this key (or a key that became it)
 * @param lastContactAt  when they last wrote
 */
@Schema(example = CustomerDocs.CUSTOMER)
public record CustomerDetails(String conversationKey, String channel, String channelAccountId, String externalUserId,
        String name, String username, String language, Map<String, String> identities, Instant firstContactAt,
        Instant lastContactAt, List<PreviousConversation> previousConversations) {

    /**
     * A closed episode of the customer's.
     *
     * @param outcome     {@code resolved} or {@code abandoned}
     * @param disposition a resolution's code ({@code solved}, {@code follow_up} …)
     * @param reason      the resolution's note, or why it was abandoned ({@code customer_inactive} …)
     * @param history     the path of its transcript, notes and tags
     */
    public record PreviousConversation(String conversationId, Instant openedAt, Instant closedAt, String queueId,
            String agentId, String outcome, String disposition, String reason, String history) {
    }
}
