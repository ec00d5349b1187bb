package io.switchboard.outbound.channel.telegram;

import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;

/** The Bot API method and JSON body of a reply (docs/channels.md §5.4). */
final class TelegramPayloads {

    static final int MAX_TEXT = 4096;
    static final int MAX_CAPTION = 1024;
    /** Telegram's limit on {@code callback_data}, in bytes. */
    static final int MAX_CALLBACK_DATA = 64;
    /** Media kind → (method, the field holding the file). */
    private static final Map<String, String[]> MEDIA = Map.of(
            "image", new String[] {"sendPhoto", "photo"},
            "document", new String[] {"sendDocument", "document"},
            "file", new String[] {"sendDocument", "document"},
            "video", new String[] {"sendVideo", "video"},
            "audio", new String[] {"sendAudio", "audio"});

    /** A Bot API call: method name and body. */
    record Call(String method, String body) {
    }

    private TelegramPayloads() {
    }

    static String unsupported(ReplyRequested command) {
        ReplyContent content = command.content();
        if (command.recipient() == null || blank(command.recipient().userId())) {
            return "No recipient chat id";
        }
        switch (content.kind()) {
            case TEXT:
                if (blank(content.text())) {
                    return "A text message needs text";
                }
                return content.text().length() > MAX_TEXT ? "Telegram texts are at most " + MAX_TEXT + " characters"
                        : null;
            case MEDIA:
                if (content.media() == null || blank(content.media().url())
                        || !MEDIA.containsKey(content.media().kind())) {
                    return "Media needs a URL and one of " + MEDIA.keySet();
                }
                return content.media().caption() != null && content.media().caption().length() > MAX_CAPTION
                        ? "Telegram captions are at most " + MAX_CAPTION + " characters" : null;
            case INTERACTIVE:
                return interactive(content);
            case MARK_READ:
                return "Telegram bots cannot mark messages read";
            case TEMPLATE:
                return "Templates are a WhatsApp feature";
            case REACTION:
                return "Reactions are not sent on this channel";
            default:
                return "Unknown content kind " + content.kind();
        }
    }

    private static String interactive(ReplyContent content) {
        if (content.interactive() == null || !"button".equals(content.interactive().type()) || blank(content.text())
                || content.interactive().buttons().isEmpty()) {
            return "Telegram sends buttons (interactive type button, with text) as an inline keyboard";
        }
        for (ReplyContent.Interactive.Choice choice : content.interactive().buttons()) {
            if (blank(choice.id()) || blank(choice.title())
                    || choice.id().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_CALLBACK_DATA) {
                return "Each button needs a title and an id of 1-" + MAX_CALLBACK_DATA + " bytes";
            }
        }
        return null;
    }

    static Call call(ReplyRequested command) {
        ReplyContent content = command.content();
        ObjectNode body = CloudEventCodec.JSON.createObjectNode();
        chatId(body, command.recipient().userId());
        String method;
        switch (content.kind()) {
            case MEDIA:
                String[] target = MEDIA.get(content.media().kind());
                method = target[0];
                body.put(target[1], content.media().url());
                if (!blank(content.media().caption())) {
                    body.put("caption", content.media().caption());
                }
                break;
            case INTERACTIVE:
                method = "sendMessage";
                body.put("text", content.text());
                ArrayNode rows = body.putObject("reply_markup").putArray("inline_keyboard");
                for (ReplyContent.Interactive.Choice choice : content.interactive().buttons()) {
                    // One button per row: titles stay readable on a phone.
                    rows.addArray().addObject().put("text", choice.title()).put("callback_data", choice.id());
                }
                break;
            default:
                method = "sendMessage";
                body.put("text", content.text());
        }
        quote(body, content.targetMessageId());
        return new Call(method, body.toString());
    }

    /** A private chat's id or a group's (negative) id, as the number Telegram gave; anything else as a string. */
    private static void chatId(ObjectNode body, String chatId) {
        try {
            body.put("chat_id", Long.parseLong(chatId));
        } catch (NumberFormatException e) {
            body.put("chat_id", chatId);
        }
    }

    /**
     * A quoted reply; {@code allow_sending_without_reply} so a quoted message deleted meanwhile does not fail the
     * reply itself.
     */
    private static void quote(ObjectNode body, String targetMessageId) {
        if (blank(targetMessageId)) {
            return;
        }
        try {
            body.putObject("reply_parameters").put("message_id", Long.parseLong(targetMessageId))
                    .put("allow_sending_without_reply", true);
        } catch (NumberFormatException e) {
            // Not a Telegram message id (a callback's id, say): nothing to quote.
        }
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
