package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** A messaging channel, with the short prefix its conversation keys and event ids use. */
public enum Channel {
    WHATSAPP("whatsapp", "wa"),
    MESSENGER("messenger", "fb"),
    INSTAGRAM("instagram", "ig"),
    CUSTOM("custom", "custom"),
    /** Telegram Bot API: the account is the bot id, the user part the chat id (docs/channels.md §5). */
    TELEGRAM("telegram", "tg"),
    /** SMS and MMS through Twilio; keys {@code sms:{businessDigits}:{customerDigits}} (E.164 without {@code +}). */
    SMS("sms", "sms");

    private final String wireName;
    private final String prefix;

    Channel(String wireName, String prefix) {
        this.wireName = wireName;
        this.prefix = prefix;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    /** The prefix of conversation keys and event ids, e.g. {@code wa}. */
    public String prefix() {
        return prefix;
    }

    /** The conversation key: channel, channel account and the customer's id on that channel. */
    public String conversationKey(String channelAccountId, String externalUserId) {
        return prefix + ":" + channelAccountId + ":" + externalUserId;
    }

    public static Channel fromWireName(String name) {
        for (Channel channel : values()) {
            if (channel.wireName.equals(name)) {
                return channel;
            }
        }
        throw new IllegalArgumentException("unknown channel: " + name);
    }
}
