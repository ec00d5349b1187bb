package io.switchboard.outbound.channel.custom;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.switchboard.events.Channel;
import io.switchboard.events.FailureCategory;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ReplyContent;
import io.switchboard.events.ReplyRequested;
import io.switchboard.outbound.channel.ChannelSender;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.ErrorTable;
import io.switchboard.outbound.channel.Handling;
import io.switchboard.outbound.channel.HttpClients;
import io.switchboard.outbound.channel.SendOutcome;
import io.switchboard.outbound.channel.SendPolicy;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * A custom source's callback (docs/custom-source.md §7): the reply as JSON, signed
 * {@code sha256=hex(HMAC-SHA256(secret, X-Timestamp + "." + body))}, with {@code Idempotency-Key} = the command's id.
 * The source answers 2xx with {@code {"external_id"}}; 408, 429 and 5xx are retried (Retry-After honoured up to
 * {@code retry.max-retry-after}), other 4xx are permanent, and so is an invalid answer: longer than
 * {@code http.max-answer-bytes} (read no further) or a 2xx that is not a JSON object.
 */
@ApplicationScoped
public class CustomSourceSender implements ChannelSender {

    private final Callbacks callbacks;
    private final OutboundConfig config;
    private final Clock clock;

    public CustomSourceSender(Callbacks callbacks, OutboundConfig config) {
        this.callbacks = callbacks;
        this.config = config;
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
        Callbacks.Answer answer;
        try {
            answer = callbacks.post(account.baseUrl(), List.of("X-Timestamp", timestamp, "X-Signature-256", signature,
                    "Idempotency-Key", command.eventId()), body);
        } catch (Callbacks.Failed e) {
            // The source deduplicates on Idempotency-Key (its protocol requires it), so even a timeout is safe to retry.
            return SendOutcome.notSent("No answer from the source: " + e.getMessage());
        }
        String tooLarge = "an answer longer than " + config.http().maxAnswerBytes() + " bytes";
        if (answer.status() / 100 == 2) {
            if (answer.tooLarge()) {
                return invalid(answer, tooLarge);
            }
            JsonNode taken = object(answer.body());
            if (taken == null) {
                return invalid(answer, "an answer that is not a JSON object");
            }
            // Without external_id it counts as sent (§7.3), its receipts just cannot be matched.
            JsonNode externalId = taken.path("external_id");
            return SendOutcome.accepted(externalId.isTextual() ? externalId.asText() : null);
        }
        // A refusal keeps its status's meaning (a 503 with a huge error page is still worth retrying).
        Classification classification = ErrorTable.customSource(answer.status());
        String detail = answer.tooLarge() ? " (" + tooLarge + ", not read)"
                : answer.body().isBlank() ? "" : ": " + abbreviate(answer.body());
        return SendOutcome.rejected(null, null, answer.status(), classification.reason() + detail, classification,
                HttpClients.retryAfter(answer.retryAfter().orElse(null)));
    }

    /** An answer the protocol does not allow: sending the same request again would get it again. */
    private static SendOutcome invalid(Callbacks.Answer answer, String what) {
        return SendOutcome.rejected(null, null, answer.status(), "The source answered HTTP " + answer.status()
                + " with " + what + " (docs/custom-source.md 7.3)", new Classification(Handling.PERMANENT,
                        FailureCategory.INVALID_REQUEST, "The source's answer is invalid"), null);
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
        // §7.1: message.text is the caption when there is media.
        String text = content.text() != null ? content.text()
                : content.media() != null ? content.media().caption() : null;
        if (text != null && !text.isEmpty()) {
            message.put("text", text);
        }
        if (content.media() != null) {
            String type = mediaType(content.media().kind());
            ObjectNode media = message.putArray("media").addObject().put("url", content.media().url())
                    .put("type", type);
            if (content.media().filename() != null && type.equals("document")) {
                media.put("filename", content.media().filename());
            }
        }
        if (content.targetMessageId() != null) {
            message.put("reply_to", content.targetMessageId());
        }
        return body.toString();
    }

    /** §7.1's media types; {@code file}, an unknown kind or none is a document (the agent chose a file). */
    static String mediaType(String kind) {
        if (kind == null) {
            return "document";
        }
        switch (kind) {
            case "image", "video", "audio", "sticker", "document":
                return kind;
            default:
                return "document";
        }
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

    /** A 2xx answer as a JSON object (an empty body as an empty one); null when it is something else. */
    private static JsonNode object(String text) {
        if (text.isBlank()) {
            return CloudEventCodec.JSON.createObjectNode();
        }
        try {
            JsonNode answer = CloudEventCodec.JSON.readTree(text);
            return answer != null && answer.isObject() ? answer : null;
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
