package io.switchboard.outbound.channel.whatsapp;

import java.util.Locale;
import java.util.Set;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;

/** Request bodies of the WhatsApp Cloud API's {@code /{phone-number-id}/messages} (docs/channels.md §2.6). */
public final class WhatsAppPayloads {

    static final Set<String> MEDIA_TYPES = Set.of("image", "video", "audio", "document", "sticker");
    private static final Set<String> CAPTIONED = Set.of("image", "video", "document");

    private WhatsAppPayloads() {
    }

    /** Why this content cannot be sent on WhatsApp, or null. */
    public static String unsupported(ReplyRequested command) {
        ReplyContent content = command.content();
        ReplyRequested.Recipient recipient = command.recipient();
        if (recipient == null || (blank(recipient.phone()) && blank(recipient.bsuid()) && blank(recipient.userId()))) {
            return "No WhatsApp recipient: neither phone nor business-scoped user id";
        }
        switch (content.kind()) {
            case TEXT:
                return blank(content.text()) ? "A text message needs text" : null;
            case MEDIA:
                return content.media() == null || blank(content.media().url())
                        || !MEDIA_TYPES.contains(mediaType(content.media()))
                        ? "Media needs a link and one of " + MEDIA_TYPES : null;
            case TEMPLATE:
                return content.template() == null ? "A template message needs a template" : null;
            case INTERACTIVE:
                return content.interactive() == null || blank(content.text())
                        ? "An interactive message needs buttons or a list and a body text" : null;
            case REACTION:
            case MARK_READ:
                return blank(content.targetMessageId()) ? "A reaction or mark-read needs the message id" : null;
            default:
                return "Unknown content kind " + content.kind();
        }
    }

    /** The exact JSON body for a command (which must have passed {@link #unsupported}). */
    public static String body(ReplyRequested command) {
        ReplyContent content = command.content();
        ObjectNode body = CloudEventCodec.JSON.createObjectNode();
        body.put("messaging_product", "whatsapp");
        if (content.kind() == io.switchboard.events.ReplyKind.MARK_READ) {
            body.put("status", "read");
            body.put("message_id", content.targetMessageId());
            return body.toString();
        }
        body.put("recipient_type", "individual");
        addRecipient(body, command.recipient());
        switch (content.kind()) {
            case TEXT:
                if (!blank(content.targetMessageId())) {
                    body.putObject("context").put("message_id", content.targetMessageId());
                }
                body.put("type", "text");
                body.putObject("text").put("preview_url", hasLink(content.text())).put("body", content.text());
                break;
            case MEDIA:
                String type = mediaType(content.media());
                body.put("type", type);
                ObjectNode media = body.putObject(type).put("link", content.media().url());
                if (!blank(content.media().caption()) && CAPTIONED.contains(type)) {
                    media.put("caption", content.media().caption());
                }
                if (!blank(content.media().filename()) && "document".equals(type)) {
                    media.put("filename", content.media().filename());
                }
                break;
            case TEMPLATE:
                body.put("type", "template");
                template(body.putObject("template"), content.template());
                break;
            case INTERACTIVE:
                body.put("type", "interactive");
                interactive(body.putObject("interactive"), content.interactive(), content.text());
                break;
            case REACTION:
                body.put("type", "reaction");
                body.putObject("reaction").put("message_id", content.targetMessageId())
                        .put("emoji", content.emoji() == null ? "" : content.emoji());
                break;
            default:
                throw new IllegalArgumentException("not sendable on WhatsApp: " + content.kind());
        }
        return body.toString();
    }

    /**
     * {@code to} with the phone number (always with {@code +}: without it the business number's country code is
     * prepended), else {@code recipient} with the business-scoped user id.
     */
    private static void addRecipient(ObjectNode body, ReplyRequested.Recipient recipient) {
        if (!blank(recipient.phone())) {
            body.put("to", plus(recipient.phone()));
        } else if (!blank(recipient.bsuid())) {
            body.put("recipient", recipient.bsuid());
        } else if (recipient.userId().indexOf('.') > 0) {
            // The conversation is keyed on a BSUID (CC.digits) when the customer withheld the number.
            body.put("recipient", recipient.userId());
        } else {
            body.put("to", plus(recipient.userId()));
        }
    }

    private static void template(ObjectNode node, ReplyContent.Template template) {
        node.put("name", template.name());
        node.putObject("language").put("code", template.language()).put("policy", "deterministic");
        if (template.components().isEmpty()) {
            return;
        }
        ArrayNode components = node.putArray("components");
        for (ReplyContent.Template.Component component : template.components()) {
            ObjectNode out = components.addObject().put("type", component.type());
            if (!blank(component.subType())) {
                out.put("sub_type", component.subType());
            }
            if (component.index() != null) {
                // The API takes the button index as a string.
                out.put("index", String.valueOf(component.index()));
            }
            ArrayNode parameters = out.putArray("parameters");
            for (ReplyContent.Template.Parameter parameter : component.parameters()) {
                ObjectNode p = parameters.addObject().put("type", parameter.type());
                switch (parameter.type()) {
                    case "text":
                        p.put("text", parameter.text());
                        break;
                    case "payload":
                        p.put("payload", parameter.payload());
                        break;
                    default:
                        p.putObject(parameter.type()).put("link", parameter.link());
                }
            }
        }
    }

    private static void interactive(ObjectNode node, ReplyContent.Interactive interactive, String bodyText) {
        boolean list = "list".equals(interactive.type());
        node.put("type", list ? "list" : "button");
        if (!blank(interactive.header())) {
            node.putObject("header").put("type", "text").put("text", interactive.header());
        }
        node.putObject("body").put("text", bodyText);
        if (!blank(interactive.footer())) {
            node.putObject("footer").put("text", interactive.footer());
        }
        ObjectNode action = node.putObject("action");
        if (list) {
            action.put("button", interactive.listButton());
            ArrayNode sections = action.putArray("sections");
            for (ReplyContent.Interactive.Section section : interactive.sections()) {
                ObjectNode s = sections.addObject();
                if (!blank(section.title())) {
                    s.put("title", section.title());
                }
                ArrayNode rows = s.putArray("rows");
                for (ReplyContent.Interactive.Choice row : section.rows()) {
                    ObjectNode r = rows.addObject().put("id", row.id()).put("title", row.title());
                    if (!blank(row.description())) {
                        r.put("description", row.description());
                    }
                }
            }
        } else {
            ArrayNode buttons = action.putArray("buttons");
            for (ReplyContent.Interactive.Choice button : interactive.buttons()) {
                buttons.addObject().put("type", "reply").putObject("reply").put("id", button.id())
                        .put("title", button.title());
            }
        }
    }

    static String mediaType(ReplyContent.Media media) {
        String kind = media.kind() == null ? "" : media.kind().toLowerCase(Locale.ROOT);
        return "file".equals(kind) ? "document" : kind;
    }

    private static boolean hasLink(String text) {
        return text.contains("https://") || text.contains("http://");
    }

    private static String plus(String phone) {
        return phone.startsWith("+") ? phone : "+" + phone;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
