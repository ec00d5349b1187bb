package io.switchboard.outbound.channel.telegram;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.HttpClients;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.channel.SendPolicy;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * Telegram Bot API: {@code POST {base}/bot{token}/{method}} (docs/channels.md §5.4), the account being the bot (its
 * {@code access-token} the bot token). The answer's {@code result.message_id} is the channel message id. Telegram
 * sends bots no delivery or read receipts, so accepted is the last state a Telegram reply reaches. There is no
 * messaging window: a bot may write to any chat that has not blocked it.
 */
@ApplicationScoped
public class TelegramSender implements ChannelSender {

    private final HttpClients http;

    public TelegramSender(HttpClients http) {
        this.http = http;
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.TELEGRAM);
    }

    @Override
    public String unsupported(ReplyRequested command) {
        return TelegramPayloads.unsupported(command);
    }

    @Override
    public SendOutcome send(OutboundConfig.Account account, ReplyRequested command, SendPolicy policy) {
        TelegramPayloads.Call call = TelegramPayloads.call(command);
        String token = account.accessToken().orElse("");
        Response response;
        try {
            response = http.client(account.baseUrl(), TelegramApi.class).call(token, call.method(), call.body());
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            // The token is in the URL: keep it out of reasons that reach agents and logs.
            String why = hide(e.getMessage(), token);
            return HttpClients.neverReachedServer(e) ? SendOutcome.notSent("Could not connect: " + why)
                    : SendOutcome.unknown("No answer from Telegram: " + why);
        }
        try (Response answer = response) {
            return outcome(answer.getStatus(), HttpClients.body(answer));
        }
    }

    /** Telegram's answer: {@code {"ok":true,"result":Message}} or {@code {"ok":false,"error_code",...}}. */
    static SendOutcome outcome(int status, String text) {
        JsonNode answer;
        try {
            answer = CloudEventCodec.JSON.readTree(text);
        } catch (java.io.IOException | RuntimeException e) {
            answer = null;
        }
        if (status / 100 == 2 && (answer == null || answer.path("ok").asBoolean(true))) {
            // Taken (2xx); an unreadable body only costs us the id.
            JsonNode id = answer == null ? null : answer.path("result").path("message_id");
            return SendOutcome.accepted(id != null && id.canConvertToLong() ? id.asText() : null);
        }
        JsonNode error = answer == null ? CloudEventCodec.JSON.createObjectNode() : answer;
        int code = error.path("error_code").isInt() ? error.get("error_code").asInt() : status;
        String description = error.path("description").isTextual() ? error.get("description").asText() : null;
        Classification classification = TelegramErrors.classify(code, description);
        JsonNode retryAfter = error.path("parameters").path("retry_after");
        Duration wait = retryAfter.canConvertToLong() && retryAfter.asLong() >= 0
                ? Duration.ofSeconds(retryAfter.asLong()) : null;
        String reason = classification.reason() + (description == null ? "" : " (channel: " + abbreviate(description)
                + ")");
        return SendOutcome.rejected(code, null, status, reason, classification, wait);
    }

    private static String hide(String message, String token) {
        if (message == null) {
            return "";
        }
        return token.isEmpty() ? message : message.replace(token, "<token>");
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
