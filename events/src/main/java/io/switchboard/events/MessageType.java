package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a message is, across channels. */
public enum MessageType {
    TEXT,
    IMAGE,
    VIDEO,
    AUDIO,
    DOCUMENT,
    STICKER,
    LOCATION,
    CONTACTS,
    /** An interactive reply button was tapped (WhatsApp {@code button_reply}). */
    BUTTON_REPLY,
    /** A row of an interactive list was chosen. */
    LIST_REPLY,
    /** A WhatsApp Flow was completed ({@code nfm_reply}); the response JSON is the payload. */
    FLOW_REPLY,
    /** A quick-reply button of a template was tapped (WhatsApp {@code button}). */
    TEMPLATE_BUTTON,
    /** A Messenger or Instagram quick reply: text plus payload. */
    QUICK_REPLY,
    /** A Messenger or Instagram postback button or ice breaker. */
    POSTBACK,
    /** A shared post, reel, story mention or link. */
    SHARE,
    ORDER,
    /** The customer arrived from an ad or link, without a message. */
    REFERRAL,
    /** The customer opened the chat for the first time. */
    WELCOME_REQUEST,
    /** Another interactive reply (for instance a call permission). */
    INTERACTIVE,
    /** The channel could not deliver the content to us; {@code errors} says why. */
    UNSUPPORTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
