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
 * @param call              a call's direction, outcome, times and duration (kind {@code call}: from
 *                          {@link CallReceived}, outcome null while it rings, or {@link CallEnded})
 * @param callPermission    the customer's answer to a call permission request (kind {@code call_permission})
 */
public record MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
        String conversationId, String agentId, String messageEventId, String externalMessageId, Customer customer,
        MessageContent content, Instant sentAt, Instant occurredAt, Kind kind, String targetMessageId,
        Reaction reaction, Integer editCount, boolean standby, Call call, CallPermission callPermission)
        implements RoutingEvent {

    /** A message, reaction, edit or unsend of a thread Switchboard controls: no call fields. */
    public MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String agentId, String messageEventId, String externalMessageId, Customer customer,
            MessageContent content, Instant sentAt, Instant occurredAt, Kind kind, String targetMessageId,
            Reaction reaction, Integer editCount) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, agentId, messageEventId,
                externalMessageId, customer, content, sentAt, occurredAt, kind, targetMessageId, reaction, editCount,
                false, null, null);
    }

    /** The same, {@code standby} when another app controlled the thread. */
    public MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String agentId, String messageEventId, String externalMessageId, Customer customer,
            MessageContent content, Instant sentAt, Instant occurredAt, Kind kind, String targetMessageId,
            Reaction reaction, Integer editCount, boolean standby) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, agentId, messageEventId,
                externalMessageId, customer, content, sentAt, occurredAt, kind, targetMessageId, reaction, editCount,
                standby, null, null);
    }

    /** A call or a call permission answer. */
    public MessageRouted(String eventId, Channel channel, String channelAccountId, String conversationKey,
            String conversationId, String agentId, String messageEventId, String externalMessageId, Customer customer,
            MessageContent content, Instant sentAt, Instant occurredAt, Kind kind, String targetMessageId,
            Reaction reaction, Integer editCount, Call call, CallPermission callPermission) {
        this(eventId, channel, channelAccountId, conversationKey, conversationId, agentId, messageEventId,
                externalMessageId, customer, content, sentAt, occurredAt, kind, targetMessageId, reaction, editCount,
                false, call, callPermission);
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
        REVOCATION,
        /** {@link CallReceived} or {@link CallEnded}: the customer called, or a call ended. */
        CALL,
        /** {@link CallPermissionAnswered}. */
        CALL_PERMISSION;

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

    /**
     * A call, as the agent sees it in the transcript.
     *
     * @param callId          the channel's call id
     * @param direction       who placed it
     * @param outcome         how it ended; null while it rings ({@link CallReceived})
     * @param startedAt       when it was answered, if it was
     * @param endedAt         when it ended, if it was answered
     * @param durationSeconds how long it lasted, when the channel says
     * @param callback        routing offered the conversation as a callback task because of this call
     */
    public record Call(String callId, CallDirection direction, CallOutcome outcome, Instant startedAt,
            Instant endedAt, Integer durationSeconds, boolean callback) {
    }

    /**
     * The customer's answer to a call permission request.
     *
     * @param accepted  calls are allowed
     * @param permanent the permission does not expire
     * @param expiresAt when a temporary permission ends
     */
    public record CallPermission(boolean accepted, boolean permanent, Instant expiresAt) {
    }
}
