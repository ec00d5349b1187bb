package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonValue;

/** What an outbound command sends; selects the part of {@link ReplyContent} that is filled. */
public enum ReplyKind {
    TEXT,
    /** A file by https link: image, video, audio, document, sticker (Messenger and Instagram: file). */
    MEDIA,
    /** A pre-approved WhatsApp template: the only thing that may be sent into a closed window. */
    TEMPLATE,
    /** Reply buttons or a list (WhatsApp); quick replies (Messenger, Instagram). */
    INTERACTIVE,
    /** An emoji on one of the customer's messages; an empty emoji takes it back. */
    REACTION,
    /** Marks the customer's message (and those before it) as read. */
    MARK_READ;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
