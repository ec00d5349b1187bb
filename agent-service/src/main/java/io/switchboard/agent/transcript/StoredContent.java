package io.switchboard.agent.transcript;

import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageRouted;

/**
 * What a transcript entry holds beyond its text, as the {@code content} JSON column: one of them, by the entry's
 * kind. The message content is the contract's own record, so fields the contract gains are kept too.
 *
 * @param message        a message's or an edit's content
 * @param reaction       a reaction
 * @param notice         a system notice
 * @param call           a call: direction, outcome, times, duration, whether it made a callback task
 * @param callPermission the customer's answer to a call permission request
 */
public record StoredContent(MessageContent message, MessageRouted.Reaction reaction, Notice notice,
        MessageRouted.Call call, MessageRouted.CallPermission callPermission) {

    public StoredContent(MessageContent message, MessageRouted.Reaction reaction, Notice notice) {
        this(message, reaction, notice, null, null);
    }

    public static StoredContent of(MessageRouted.Call call) {
        return call == null ? null : new StoredContent(null, null, null, call, null);
    }

    public static StoredContent of(MessageRouted.CallPermission permission) {
        return permission == null ? null : new StoredContent(null, null, null, null, permission);
    }

    public static StoredContent of(MessageContent message) {
        return message == null ? null : new StoredContent(message, null, null);
    }

    public static StoredContent of(MessageRouted.Reaction reaction) {
        return reaction == null ? null : new StoredContent(null, reaction, null);
    }

    /**
     * Something the channel told about the conversation rather than a message.
     *
     * @param notice what: {@code identity_changed} (the customer's number or id changed; the conversation continues
     *               under its new key)
     * @param reason the channel's word for it, e.g. {@code user_changed_number}
     */
    public record Notice(String notice, String reason) {
    }
}
