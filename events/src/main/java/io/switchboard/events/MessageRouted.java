package io.switchboard.events;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A customer's message, or their reaction, edit or unsend of one, forwarded to the agent the conversation is assigned
 * to. What arrives while the conversation waits is routed, in order, when it is assigned. CloudEvent type
 * {@code switchboard.message.routed}, id {@code {messageEventId}:routed:{agentId}}.
 *
 * @param messageEventId    the event id of the inbound event ({@link MessageReceived}, {@link MessageReacted},
 *                          {@link MessageEdited} or {@link MessageRevoked})
 * @param externalMessageId the channel's id of the message (agents quote and mark it read by it); for a reaction,
 *                          edit or unsend the channel's id of that event, when it has one
 * @param content           the message, as received; an edit's new content; null for a reaction or an unsend
 * @param sentAt            when the customer sent it (the inbound event's {@code occurredAt})
 * @param kind              what the customer did; null (records written before this field) means {@code message}
 * @param targetMessageId   the channel's id of the message a reaction, edit or unsend is about
 * @param reaction          a reaction's emoji, or its removal
 * @param editCount         how many times the message was edited, when the channel says
 * @param standby           the message came while another app controlled the thread (Meta's handover protocol,
 *                          {@link MessageReceived#standby()}): that app answers it
 */
public record MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String messageEventId, String externalMessageId, Customer customer,
        MessageContent content, Instant sentAt, Instant occurredAt, Kind kind, String targetMessageId,
        Reaction reaction, Integer editCount, boolean standby) implements RoutingEvent {

    /** A routed event of a thread Switchboard controls. */
    public MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String agentId, String messageEventId, String externalMessageId,
            Customer customer, MessageContent content, Instant sentAt, Instant occurredAt, Kind kind,
            String targetMessageId, Reaction reaction, Integer editCount) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, agentId, messageEventId,
                externalMessageId, customer, content, sentAt, occurredAt, kind, targetMessageId, reaction, editCount,
                false);
    }

    @Override
    public EventType eventType() {
        return EventType.MESSAGE_ROUTED;
    }

    /** The kind, {@code message} for records written before it existed. */
    public Kind kindOrMessage() {
        return kind == null ? Kind.MESSAGE : kind;
    }

    /** What the customer did: the inbound event type it was routed from. */
    public enum Kind {
        /** {@link MessageReceived}. */
        MESSAGE,
        /** {@link MessageReacted}. */
        REACTION,
        /** {@link MessageEdited}. */
        EDIT,
        /** {@link MessageRevoked}: the customer deleted (unsent) the message. */
        REVOCATION;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A reaction to {@code targetMessageId}.
     *
     * @param emoji    the emoji; null when the reaction was taken back
     * @param reaction the channel's named reaction where it has one (Messenger: {@code love}, {@code like} …)
     * @param removed  the customer took their reaction back
     */
    public record Reaction(String emoji, String reaction, boolean removed) {
    }
}
