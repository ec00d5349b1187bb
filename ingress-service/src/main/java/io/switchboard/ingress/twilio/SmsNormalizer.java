package io.switchboard.ingress.twilio;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ChannelError;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.Customer;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;
import io.switchboard.events.MediaRef;
import io.switchboard.events.MessageContent;
import io.switchboard.events.MessageReceived;
import io.switchboard.events.MessageType;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Twilio's SMS/MMS webhooks (docs/channels.md §6) to events. One form is one message or one status callback: a
 * {@code MessageStatus} other than {@code received} makes it a status callback. The conversation is keyed by the
 * business number and the customer's, E.164 digits without the {@code +}: {@code sms:{To}:{From}} inbound,
 * {@code sms:{From}:{To}} for a status of a message we sent. Twilio sends no time: occurredAt is when we received it.
 */
public final class SmsNormalizer implements ChannelNormalizer {

    private static final Channel CHANNEL = Channel.SMS;
    /** Twilio's default opt-out and opt-in keywords (it answers them itself and blocks sends until START). */
    private static final Set<String> OPT_OUT = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
            "REVOKE", "OPTOUT");
    private static final Set<String> OPT_IN = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "INFO");
    /** Attribute of the customer naming the keyword a message was: {@code out}, {@code in} or {@code help}. */
    public static final String OPT_ATTRIBUTE = "sms_opt";

    @Override
    public JsonNode read(byte[] body) {
        return TwilioForm.parse(body).json();
    }

    @Override
    public Normalized normalize(JsonNode body, WebhookContext context) {
        Normalized.Builder out = new Normalized.Builder();
        try {
            String status = text(body, "MessageStatus");
            if (status != null && !"received".equals(status)) {
                ConversationEvent receipt = status(body, status, context, out);
                if (receipt != null) {
                    out.event(receipt);
                }
            } else if (isWhatsApp(text(body, "From")) || isWhatsApp(text(body, "To"))) {
                // WhatsApp through Twilio is not this channel (keys, window and identities differ): kept raw only.
                out.ignore("twilio-whatsapp");
            } else {
                out.event(message(body, context));
            }
        } catch (Malformed e) {
            out.reject(e.getMessage(), body.toString());
        }
        return out.build();
    }

    private static MessageReceived message(JsonNode body, WebhookContext context) {
        String sid = required(body, "MessageSid");
        String business = digits(required(body, "To"), "To");
        String customer = digits(required(body, "From"), "From");
        Map<String, String> attributes = new LinkedHashMap<>();
        String keyword = keyword(body);
        if (keyword != null) {
            attributes.put(OPT_ATTRIBUTE, keyword);
        }
        Customer who = new Customer(customer, text(body, "ProfileName"), null, null, Map.of("phone", customer),
                attributes);
        return new MessageReceived(CHANNEL.prefix() + ":" + sid, CHANNEL, business,
                CHANNEL.conversationKey(business, customer), who, sid, context.receivedAt(), context.receivedAt(),
                content(body), context.raw());
    }

    private static MessageContent content(JsonNode body) {
        String text = text(body, "Body");
        text = text == null || text.isEmpty() ? null : text;
        List<MediaRef> media = media(body);
        if (media.isEmpty() && text == null) {
            throw new Malformed("message has neither Body nor media");
        }
        MessageType type = media.isEmpty() ? MessageType.TEXT : mediaType(media.get(0).mimeType());
        return new MessageContent(type, text, null, media, null, null, null, null, null, null);
    }

    /** MediaUrl{N} and MediaContentType{N} for N below NumMedia. */
    private static List<MediaRef> media(JsonNode body) {
        String count = text(body, "NumMedia");
        int n;
        try {
            n = count == null || count.isEmpty() ? 0 : Integer.parseInt(count.trim());
        } catch (NumberFormatException e) {
            throw new Malformed("NumMedia is not a number: " + count);
        }
        if (n < 0 || n > 10) {
            throw new Malformed("NumMedia out of range (0 to 10): " + n);
        }
        List<MediaRef> media = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String url = required(body, "MediaUrl" + i);
            String mime = text(body, "MediaContentType" + i);
            media.add(new MediaRef(kind(mime), null, url, mime, null, null, null, null, null));
        }
        return media;
    }

    private static DeliveryStatusChanged status(JsonNode body, String status, WebhookContext context,
            Normalized.Builder out) {
        DeliveryState state;
        switch (status) {
            case "sent":
                state = DeliveryState.SENT;
                break;
            case "delivered":
                state = DeliveryState.DELIVERED;
                break;
            case "read":
                state = DeliveryState.READ;
                break;
            case "undelivered":
            case "failed":
                state = DeliveryState.FAILED;
                break;
            case "accepted":
            case "scheduled":
            case "queued":
            case "sending":
            case "canceled":
            case "receiving":
                // Steps before the carrier has it (or a scheduled send called off): nothing a receipt says.
                out.ignore("status:" + status);
                return null;
            default:
                throw new Malformed("unknown MessageStatus '" + status + "'");
        }
        String sid = required(body, "MessageSid");
        String business = digits(required(body, "From"), "From");
        String customer = digits(required(body, "To"), "To");
        List<ChannelError> errors = List.of();
        String code = text(body, "ErrorCode");
        if (code != null && !code.isBlank() && !"0".equals(code.trim())) {
            try {
                errors = List.of(new ChannelError(Integer.parseInt(code.trim()), null, "Twilio error " + code.trim(),
                        text(body, "ErrorMessage"), null, "https://www.twilio.com/docs/api/errors/" + code.trim()));
            } catch (NumberFormatException e) {
                throw new Malformed("ErrorCode is not a number: " + code);
            }
        }
        if (state == DeliveryState.FAILED && errors.isEmpty()) {
            errors = List.of(new ChannelError(0, null, "Twilio reported " + status, null, null, null));
        }
        return new DeliveryStatusChanged(CHANNEL.prefix() + ":" + sid + ":" + status, CHANNEL, business,
                CHANNEL.conversationKey(business, customer), customer, sid, state, null, errors, null, null,
                context.receivedAt(), context.receivedAt(), context.raw());
    }

    /** Twilio's own {@code OptOutType} when its Advanced Opt-Out is on, else the default keywords. */
    private static String keyword(JsonNode body) {
        String type = text(body, "OptOutType");
        String word = type != null ? type : text(body, "Body");
        if (word == null) {
            return null;
        }
        String normalized = word.trim().toUpperCase(Locale.ROOT);
        if (OPT_OUT.contains(normalized)) {
            return "out";
        }
        if (OPT_IN.contains(normalized)) {
            return "in";
        }
        return HELP.contains(normalized) ? "help" : null;
    }

    private static MessageType mediaType(String mime) {
        switch (kind(mime)) {
            case "image":
                return MessageType.IMAGE;
            case "video":
                return MessageType.VIDEO;
            case "audio":
                return MessageType.AUDIO;
            default:
                return MessageType.DOCUMENT;
        }
    }

    private static String kind(String mime) {
        String type = mime == null ? "" : mime.toLowerCase(Locale.ROOT);
        for (String kind : List.of("image", "video", "audio")) {
            if (type.startsWith(kind + "/")) {
                return kind;
            }
        }
        return "document";
    }

    /** An E.164 number's digits: {@code +16505551234} → {@code 16505551234}. */
    static String digits(String number, String field) {
        String trimmed = number.trim();
        String digits = trimmed.startsWith("+") ? trimmed.substring(1) : trimmed;
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Malformed(field + " is not an E.164 number: " + abbreviate(number));
        }
        return digits;
    }

    private static boolean isWhatsApp(String address) {
        return address != null && address.startsWith("whatsapp:");
    }

    private static String required(JsonNode body, String name) {
        String value = text(body, name);
        if (value == null || value.isBlank()) {
            throw new Malformed("missing " + name);
        }
        return value;
    }

    private static String text(JsonNode body, String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
