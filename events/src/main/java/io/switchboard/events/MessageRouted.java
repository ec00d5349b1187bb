package io.switchboard.events;

import java.time.Instant;

/**
 * A customer's message, forwarded to the agent the conversation is assigned to. Messages that arrive while the
 * conversation waits are routed when it is assigned. CloudEvent type {@code switchboard.message.routed}, id
 * {@code {messageEventId}:routed:{agentId}}.
 *
 * @param messageEventId    the event id of the {@link MessageReceived}
 * @param externalMessageId the channel's id of the message (agents quote and mark it read by it)
 * @param content           the message, as received
 * @param sentAt            when the customer sent it (the {@link MessageReceived}'s {@code occurredAt})
 */
public record MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String messageEventId, String externalMessageId, Customer customer,
        MessageContent content, Instant sentAt, Instant occurredAt) implements RoutingEvent {

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_ROUTED;
    }
}
