package io.switchboard.outbound.admin;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import io.switchboard.events.Channel;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyKind;
import io.switchboard.events.ReplyRequested;

/** Validates a proactive message and turns it into the command the delivery pipeline consumes. Pure logic. */
final class ProactiveCommands {

    static final int MAX_IDEMPOTENCY_KEY = 200;
    private static final Pattern IDEMPOTENCY_KEY = Pattern.compile("[\\x21-\\x7E]{1," + MAX_IDEMPOTENCY_KEY + "}");
    /** E.164: up to 15 digits; the shortest real numbers have 7 or so. */
    private static final Pattern PHONE = Pattern.compile("\\+?[1-9][0-9]{6,14}");
    /** Business-scoped user id: country code, a dot, digits (docs/channels.md §2.10). */
    private static final Pattern BSUID = Pattern.compile("[A-Z]{2}\\.[0-9]{6,40}");
    /** Meta's template names: lower case, digits and underscores, at most 512 characters. */
    private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Za-z]{2,4})?");
    private static final Set<String> COMPONENT_TYPES = Set.of("header", "body", "button");
    private static final Set<String> BUTTON_TYPES = Set.of("quick_reply", "url");
    private static final Set<String> MEDIA_PARAMETERS = Set.of("image", "video", "document");

    private ProactiveCommands() {
    }

    /** The command's event id: the same key for the same account always names the same command, sent at most once. */
    static String commandId(String channelAccountId, String idempotencyKey) {
        return "proactive:" + channelAccountId + ":" + idempotencyKey;
    }

    /** Why the header is unusable, or null. */
    static String invalidIdempotencyKey(String key) {
        return key == null || !IDEMPOTENCY_KEY.matcher(key).matches()
                ? "Idempotency-Key header is required: 1 to " + MAX_IDEMPOTENCY_KEY + " visible ASCII characters"
                : null;
    }

    /** Why this message cannot be sent, or null. The account's existence is the caller's to check. */
    static String invalid(ProactiveMessage message) {
        if (message == null) {
            return "A JSON body is required";
        }
        if (message.text() != null) {
            return "Proactive contact sends approved templates only: free text is allowed only as a reply within "
                    + "the customer's 24 h window; send a template instead";
        }
        if (blank(message.channelAccountId())) {
            return "channelAccountId (the WhatsApp phone number id) is required";
        }
        ProactiveMessage.Recipient recipient = message.recipient();
        if (recipient == null || (blank(recipient.phone()) && blank(recipient.bsuid()))) {
            return "recipient.phone or recipient.bsuid is required";
        }
        if (!blank(recipient.phone()) && !PHONE.matcher(recipient.phone()).matches()) {
            return "recipient.phone must be an international number: digits only, optional leading +, 7 to 15 digits";
        }
        if (blank(recipient.phone()) && !BSUID.matcher(recipient.bsuid()).matches()) {
            return "recipient.bsuid must be a business-scoped user id like US.13491208655302741918";
        }
        return invalid(message.template());
    }

    private static String invalid(ReplyContent.Template template) {
        if (template == null) {
            return "Proactive contact sends approved templates only: template is required";
        }
        if (blank(template.name()) || !TEMPLATE_NAME.matcher(template.name()).matches()) {
            return "template.name must be an approved template's name: lower case letters, digits and underscores";
        }
        if (blank(template.language()) || !LANGUAGE.matcher(template.language()).matches()) {
            return "template.language must be a language code such as en or en_US";
        }
        List<ReplyContent.Template.Component> components = template.components();
        for (int i = 0; i < components.size(); i++) {
            String invalid = invalid(components.get(i), "template.components[" + i + "]");
            if (invalid != null) {
                return invalid;
            }
        }
        return null;
    }

    private static String invalid(ReplyContent.Template.Component component, String at) {
        if (component == null || component.type() == null || !COMPONENT_TYPES.contains(component.type())) {
            return at + ".type must be one of " + COMPONENT_TYPES;
        }
        if ("button".equals(component.type())) {
            if (component.subType() == null || !BUTTON_TYPES.contains(component.subType())) {
                return at + ".subType must be one of " + BUTTON_TYPES + " for a button";
            }
            if (component.index() == null || component.index() < 0 || component.index() > 9) {
                return at + ".index must be the button's position, 0 to 9";
            }
        }
        for (int i = 0; i < component.parameters().size(); i++) {
            ReplyContent.Template.Parameter parameter = component.parameters().get(i);
            String here = at + ".parameters[" + i + "]";
            if (parameter == null || parameter.type() == null) {
                return here + ".type is required";
            }
            if ("text".equals(parameter.type())) {
                if (blank(parameter.text())) {
                    return here + ".text is required for a text parameter";
                }
            } else if ("payload".equals(parameter.type())) {
                if (blank(parameter.payload())) {
                    return here + ".payload is required for a payload parameter";
                }
            } else if (MEDIA_PARAMETERS.contains(parameter.type())) {
                if (blank(parameter.link()) || !parameter.link().startsWith("https://")) {
                    return here + ".link must be an https URL for a " + parameter.type() + " parameter";
                }
            } else {
                return here + ".type must be text, payload, image, video or document";
            }
        }
        return null;
    }

    /** The command for a valid message (see {@link #invalid}). WhatsApp keys conversations on the digits. */
    static ReplyRequested command(ProactiveMessage message, String idempotencyKey, Instant now) {
        ProactiveMessage.Recipient recipient = message.recipient();
        String phone = blank(recipient.phone()) ? null
                : recipient.phone().startsWith("+") ? recipient.phone().substring(1) : recipient.phone();
        String bsuid = blank(recipient.bsuid()) ? null : recipient.bsuid();
        String user = phone != null ? phone : bsuid;
        String account = message.channelAccountId();
        // No agent: an automated message, which also keeps Messenger's HUMAN_AGENT tag out of reach.
        return new ReplyRequested(commandId(account, idempotencyKey), Channel.WHATSAPP, account,
                Channel.WHATSAPP.conversationKey(account, user), new ReplyRequested.Recipient(user, phone, bsuid, null),
                null, null, new ReplyContent(ReplyKind.TEMPLATE, null, null, message.template(), null, null, null), now);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
