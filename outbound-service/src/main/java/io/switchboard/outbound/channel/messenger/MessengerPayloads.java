package io.switchboard.outbound.channel.messenger;

import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.SendPolicy;

/** Request bodies of the Messenger and Instagram Send API (docs/channels.md §3.4, §4.3). */
public final class MessengerPayloads {

    /** Messenger allows at most 13 quick replies. */
    static final int MAX_QUICK_REPLIES = 13;
    private static final Map<String, String> ATTACHMENT_TYPES = Map.of("image", "image", "audio", "audio",
            "video", "video", "file", "file", "document", "file");

    private MessengerPayloads() {
    }

    /** Why this content cannot be sent on Messenger or Instagram, or null. */
    public static String unsupported(ReplyRequested command) {
        ReplyContent content = command.content();
        if (command.recipient() == null || blank(command.recipient().userId())) {
            return "No recipient id (PSID or IGSID)";
        }
        switch (content.kind()) {
            case TEXT:
                return blank(content.text()) ? "A text message needs text" : null;
            case MEDIA:
                return content.media() == null || blank(content.media().url())
                        || !ATTACHMENT_TYPES.containsKey(kind(content.media()))
                        ? "Attachments need a URL and one of " + ATTACHMENT_TYPES.keySet() : null;
            case INTERACTIVE:
                if (content.interactive() == null || !"button".equals(content.interactive().type())
                        || blank(content.text())) {
                    return "Only quick replies (interactive type button, with text) are sent on this channel";
                }
                return content.interactive().buttons().size() > MAX_QUICK_REPLIES
                        ? "At most " + MAX_QUICK_REPLIES + " quick replies" : null;
            case MARK_READ:
                return null;
            case TEMPLATE:
                return "Templates are a WhatsApp feature";
            case REACTION:
                return "Reactions are not sent on this channel";
            default:
                return "Unknown content kind " + content.kind();
        }
    }

    /** The exact JSON body; {@code policy} picks RESPONSE or MESSAGE_TAG with HUMAN_AGENT. */
    public static String body(ReplyRequested command, SendPolicy policy) {
        ReplyContent content = command.content();
        ObjectNode body = CloudEventCodec.JSON.createObjectNode();
        body.putObject("recipient").put("id", command.recipient().userId());
        if (content.kind() == ReplyKind.MARK_READ) {
            // Sender actions go instead of a message.
            body.put("sender_action", "mark_seen");
            return body.toString();
        }
        if (policy.humanAgentTag()) {
            body.put("messaging_type", "MESSAGE_TAG");
            body.put("tag", "HUMAN_AGENT");
        } else {
            body.put("messaging_type", "RESPONSE");
        }
        ObjectNode message = body.putObject("message");
        switch (content.kind()) {
            case TEXT:
                message.put("text", content.text());
                break;
            case MEDIA:
                message.putObject("attachment").put("type", ATTACHMENT_TYPES.get(kind(content.media())))
                        .putObject("payload").put("url", content.media().url()).put("is_reusable", true);
                break;
            case INTERACTIVE:
                message.put("text", content.text());
                ArrayNode quickReplies = message.putArray("quick_replies");
                for (ReplyContent.Interactive.Choice choice : content.interactive().buttons()) {
                    quickReplies.addObject().put("content_type", "text").put("title", choice.title())
                            .put("payload", choice.id());
                }
                break;
            default:
                throw new IllegalArgumentException("not sendable on Messenger or Instagram: " + content.kind());
        }
        if (command.agentId() != null) {
            // Echoed back in message_echoes, so the echo can be matched to the agent.
            message.put("metadata", "agent:" + command.agentId());
        }
        return body.toString();
    }

    private static String kind(ReplyContent.Media media) {
        return media.kind() == null ? "" : media.kind().toLowerCase(Locale.ROOT);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
