package io.switchboard.outbound.channel.custom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.HttpClients;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.channel.SendPolicy;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * A custom source's callback (docs/custom-source.md §7): the reply as JSON, signed
 * {@code sha256=hex(HMAC-SHA256(secret, X-Timestamp + "." + body))}, with {@code Idempotency-Key} = the command's id.
 * The source answers 2xx with {@code {"external_id"}}; 408, 429 and 5xx are retried, other 4xx are permanent.
 */
@ApplicationScoped
public class CustomSourceSender implements ChannelSender {

    private final HttpClients http;
    private final Clock clock;

    public CustomSourceSender(HttpClients http) {
        this.http = http;
        this.clock = Clock.systemUTC();
    }

    @Override
    public Set<Channel> channels() {
        return Set.of(Channel.CUSTOM);
    }

    @Override
    public String unsupported(ReplyRequested command) {
        ReplyContent content = command.content();
        if (command.recipient() == null || command.recipient().conversationId() == null) {
            return "A custom source reply needs the source's conversation id";
        }
        switch (content.kind()) {
            case TEXT:
                return content.text() == null || content.text().isBlank() ? "A text message needs text" : null;
            case MEDIA:
                return content.media() == null || content.media().url() == null ? "Media needs a URL" : null;
            default:
                return "Custom sources take text and media (protocol v1)";
        }
    }

    @Override
    public SendOutcome send(OutboundConfig.Account account, ReplyRequested command, SendPolicy policy) {
        String body = body(command);
        String timestamp = String.valueOf(clock.instant().getEpochSecond());
        String signature = sign(account.secret().orElse(""), timestamp, body);
        Response response;
        try {
            response = http.customSource(account.baseUrl()).deliver(timestamp, signature, command.eventId(), body);
        } catch (WebApplicationException e) {
            response = e.getResponse();
        } catch (ProcessingException e) {
            // The source deduplicates on Idempotency-Key (its protocol requires it), so even a timeout is safe to retry.
            return SendOutcome.notSent("No answer from the source: " + e.getMessage());
        }
        try (Response answer = response) {
            String text = HttpClients.body(answer);
            if (answer.getStatus() / 100 == 2) {
                return SendOutcome.accepted(externalId(text));
            }
            return SendOutcome.rejected(null, null, answer.getStatus(),
                    ErrorTable.customSource(answer.getStatus()).reason() + (text.isBlank() ? "" : ": " + abbreviate(text)),
                    ErrorTable.customSource(answer.getStatus()), HttpClients.retryAfter(answer));
        }
    }

    /** The callback body of protocol v1. */
    static String body(ReplyRequested command) {
        ObjectNode body = CloudEventCodec.JSON.createObjectNode();
        body.put("type", "message");
        body.put("message_id", command.eventId());
        body.put("created_at", DateTimeFormatter.ISO_INSTANT.format(command.occurredAt()));
        body.putObject("conversation").put("external_id", command.recipient().conversationId());
        if (command.recipient().userId() != null) {
            body.putObject("user").put("external_id", command.recipient().userId());
        }
        if (command.agentId() != null) {
            ObjectNode agent = body.putObject("agent").put("id", command.agentId());
            if (command.agentDisplayName() != null) {
                agent.put("display_name", command.agentDisplayName());
            }
        }
        ObjectNode message = body.putObject("message");
        ReplyContent content = command.content();
        if (content.text() != null) {
            message.put("text", content.text());
        }
        if (content.media() != null) {
            ObjectNode media = message.putArray("media").addObject().put("url", content.media().url());
            if (content.media().filename() != null) {
                media.put("filename", content.media().filename());
            }
        }
        if (content.targetMessageId() != null) {
            message.put("reply_to", content.targetMessageId());
        }
        return body.toString();
    }

    /** {@code sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>}. */
    public static String sign(String secret, String timestamp, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    private static String externalId(String text) {
        try {
            JsonNode id = CloudEventCodec.JSON.readTree(text).path("external_id");
            return id.isTextual() ? id.asText() : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
