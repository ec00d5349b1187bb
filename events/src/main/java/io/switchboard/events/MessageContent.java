package io.switchboard.events;

import java.util.List;

/**
 * The content of a message, shared by received, echoed and edited messages.
 *
 * @param text    what a person reads: body, caption, button or list title, postback title
 * @param payload the machine value behind a button, list row, quick reply or postback
 */
public record MessageContent(MessageType type, String text, String payload, List<MediaRef> media, Location location,
        List<SharedContact> contacts, Order order, ReplyContext replyTo, Referral referral,
        List<ChannelError> errors) {

    public MessageContent {
        media = media == null ? List.of() : List.copyOf(media);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static MessageContent text(String text) {
        return new MessageContent(MessageType.TEXT, text, null, null, null, null, null, null, null, null);
    }
}
