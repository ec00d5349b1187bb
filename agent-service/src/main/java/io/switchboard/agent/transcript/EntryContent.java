package io.switchboard.agent.transcript;

import java.util.List;

import io.switchboard.events.ChannelError;
import io.switchboard.events.Location;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageType;
import io.switchboard.events.Order;
import io.switchboard.events.Referral;
import io.switchboard.events.ReplyContext;
import io.switchboard.events.SharedContact;

/**
 * A message's content as the front end gets it: the contract's content with each piece of media named by an id
 * and a link through agent-service instead of the channel's URL.
 *
 * @param text    what a person reads: the body, a media caption, a button's or list row's title
 * @param payload the machine value behind a button, list row, quick reply or postback
 */
public record EntryContent(MessageType type, String text, String payload, List<Media> media, Location location,
        List<SharedContact> contacts, Order order, ReplyContext replyTo, Referral referral,
        List<ChannelError> errors) {

    /**
     * One piece of media.
     *
     * @param mediaId the id in the link (WhatsApp's media id, or one derived from the attachment URL)
     * @param kind    image, video, audio, file/document, sticker …, as the channel names it
     * @param caption the message's caption (its text)
     * @param link    where the front end fetches it, with its own token: agent-service streams it from the channel
     */
    public record Media(String mediaId, String kind, String mimeType, String caption, String filename, Long size,
            Boolean voice, Boolean animated, String link) {
    }

    /** {@code content} with its media linked under {@code base} ({@link MediaLinks}); null for null. */
    public static EntryContent of(MessageContent content, String base, String conversationKey) {
        if (content == null) {
            return null;
        }
        List<Media> media = content.media().stream().map(m -> media(m, content.text(), base, conversationKey))
                .toList();
        return new EntryContent(content.type(), content.text(), content.payload(), media, content.location(),
                content.contacts(), content.order(), content.replyTo(), content.referral(), content.errors());
    }

    private static Media media(MediaRef ref, String caption, String base, String conversationKey) {
        String id = MediaLinks.id(ref);
        return new Media(id, ref.kind(), ref.mimeType(), caption, ref.filename(), ref.size(), ref.voice(),
                ref.animated(), MediaLinks.link(base, conversationKey, id));
    }
}
