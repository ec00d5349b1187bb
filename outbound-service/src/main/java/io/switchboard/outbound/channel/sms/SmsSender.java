package io.switchboard.outbound.channel.sms;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.Handling;
import io.switchboard.outbound.channel.HttpClients;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.channel.SendPolicy;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * SMS and MMS through Twilio (docs/channels.md §6.5): {@code POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json}
 * with {@code To}, {@code From} (the account id is the sending number's digits), {@code Body}, {@code MediaUrl} for
 * media and {@code StatusCallback}; the answer's {@code sid} is the channel message id its callbacks name. Errors by
 * Twilio's {@code code} ({@link TwilioErrors}). Twilio has no idempotency key on this API: an answer lost to a
 * timeout is an unknown outcome, never sent again.
 */
@ApplicationScoped
public class SmsSender implements ChannelSender {

    /** Twilio refuses longer bodies (21617). */
    static final int MAX_BODY = 1600;

    private final TwilioMessages messages;

    public SmsSender(TwilioMessages messages) {
        this.messages = messages;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.SMS);
    }

    @Override
    public String unsupported(ReplyRequested command) {
        String user = command.recipient() == null ? null : command.recipient().userId();
        if (user == null || user.isEmpty() || user.length() > 15 || !user.chars().allMatch(Character::isDigit)) {
            return "An SMS reply needs the customer's phone number (E.164 digits)";
        }
        ReplyContent content = command.content();
        switch (content.kind()) {
            case TEXT:
                if (content.text() == null || content.text().isBlank()) {
                    return "A text message needs text";
                }
                return content.text().length() > MAX_BODY ? "An SMS body holds at most " + MAX_BODY + " characters"
                        : null;
            case MEDIA:
                if (content.media() == null || content.media().url() == null) {
                    return "Media needs a URL";
                }
                String caption = content.media().caption();
                return caption != null && caption.length() > MAX_BODY
                        ? "An MMS caption holds at most " + MAX_BODY + " characters" : null;
            default:
                return "SMS carries text and media (MMS) only";
        }
    }

    @Override
    public SendOutcome send(OutboundConfig.Account account, ReplyRequested command, SendPolicy policy) {
        if (account.accountSid().isEmpty() || account.accessToken().isEmpty()) {
            return SendOutcome.rejected(null, null, 0, "The SMS account " + command.channelAccountId()
                    + " has no account-sid or access-token (the Twilio auth token) configured", new Classification(
                            Handling.PERMANENT, FailureCategory.NOT_SUPPORTED, "The SMS account is not configured"),
                    null);
        }
        TwilioMessages.Answer answer;
        try {
            answer = messages.send(account.baseUrl(), account.accountSid().get(), account.accessToken().get(),
                    fields(account, command));
        } catch (TwilioMessages.Failed e) {
            return e.neverReached() ? SendOutcome.notSent("Twilio not reached: " + e.getMessage())
                    : SendOutcome.unknown("No answer from Twilio: " + e.getMessage());
        }
        JsonNode body = json(answer.body());
        if (answer.status() / 100 == 2) {
            JsonNode sid = body.path("sid");
            return SendOutcome.accepted(sid.isTextual() ? sid.asText() : null);
        }
        Integer code = body.path("code").isInt() ? body.path("code").asInt() : null;
        Classification classification = TwilioErrors.classify(code, answer.status());
        String said = body.path("message").isTextual() ? body.path("message").asText() : null;
        return SendOutcome.rejected(code, null, answer.status(),
                classification.reason() + (said == null ? "" : " (Twilio: " + abbreviate(said) + ")"), classification,
                HttpClients.retryAfter(answer.retryAfter().orElse(null)));
    }

    /** The form fields, in a fixed order (the stand-in tests check the exact body). */
    static List<TwilioMessages.Field> fields(OutboundConfig.Account account, ReplyRequested command) {
        List<TwilioMessages.Field> fields = new ArrayList<>();
        fields.add(new TwilioMessages.Field("To", "+" + command.recipient().userId()));
        fields.add(new TwilioMessages.Field("From", "+" + command.channelAccountId()));
        ReplyContent content = command.content();
        String text = content.media() != null ? content.media().caption() : content.text();
        if (text != null && !text.isEmpty()) {
            fields.add(new TwilioMessages.Field("Body", text));
        }
        if (content.media() != null) {
            fields.add(new TwilioMessages.Field("MediaUrl", content.media().url()));
        }
        account.statusCallback().ifPresent(url -> fields.add(new TwilioMessages.Field("StatusCallback", url)));
        return fields;
    }

    private static JsonNode json(String text) {
        try {
            JsonNode node = text.isBlank() ? null : CloudEventCodec.JSON.readTree(text);
            return node == null ? CloudEventCodec.JSON.createObjectNode() : node;
        } catch (java.io.IOException | RuntimeException e) {
            return CloudEventCodec.JSON.createObjectNode();
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
