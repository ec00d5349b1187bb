package io.switchboard.ingress.telegram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.ingress.webhook.WebhookIntake;
import io.switchboard.ingress.webhook.WebhookOutcome;

/**
 * The webhook of a Telegram bot (docs/channels.md §5.1). Telegram signs nothing: the proof is the
 * {@code secret_token} given to {@code setWebhook}, sent back in {@value #SECRET_HEADER} and compared in constant
 * time with the bot's configured one. The body names no bot, so the path does. Acknowledged only after Kafka has
 * the raw update, like every webhook; the normalization reads it from the raw topic.
 */
@Path("/webhooks/telegram/{botId}")
@Tag(name = "Telegram webhook")
// No bearer token: Telegram proves itself with the bot's secret token header.
@PermitAll
public class TelegramWebhookResource {

    static final String SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token";
    static final String CHANNEL = "telegram";
    private static final JsonFactory JSON = new JsonFactory();

    private final IngressConfig config;
    private final WebhookIntake intake;

    public TelegramWebhookResource(IngressConfig config, WebhookIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One Telegram Update of a bot: 200 once kept in Kafka, 401 without the bot's secret token "
            + "(or with another), 404 for an unknown bot, 400 for a body that is not a JSON object, 503 with "
            + "Retry-After when Kafka is unavailable")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "text",
            value = "{\"update_id\":178271355,\"message\":{\"message_id\":323,\"from\":{\"id\":943084337,"
                    + "\"is_bot\":false,\"first_name\":\"Danil\"},\"chat\":{\"id\":943084337,\"type\":\"private\"},"
                    + "\"date\":1761379722,\"text\":\"hello\"}}")))
    public Uni<Response> receive(@PathParam("botId") String botId, @HeaderParam(SECRET_HEADER) String secret,
            byte[] body) {
        Instant receivedAt = Instant.now();
        IngressConfig.Telegram.Bot bot = config.telegram().bots().get(botId);
        if (bot == null) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNKNOWN_SOURCE, "unknown bot " + bounded(botId)));
        }
        if (secret == null || secret.isEmpty()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNSIGNED, "missing " + SECRET_HEADER + " header"));
        }
        // Telegram documents the header, not a signature: a wrong token is as unauthenticated as none (401).
        if (!MessageDigest.isEqual(secret.getBytes(StandardCharsets.UTF_8),
                bot.secretToken().getBytes(StandardCharsets.UTF_8))) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNSIGNED, "invalid_secret_token",
                    SECRET_HEADER + " does not match the bot's secret token", java.util.List.of()));
        }
        String problem = notAJsonObject(body);
        if (problem != null) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, problem));
        }
        RawWebhook raw = new RawWebhook(CHANNEL, botId, CHANNEL + ":" + botId, body, null, null, receivedAt);
        return intake.accept(raw, () -> Response.ok().build());
    }

    /** Why the body is not one JSON object, or null. One streaming pass: the normalizer parses it properly. */
    static String notAJsonObject(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return "body is not a JSON object";
            }
            parser.skipChildren();
            if (parser.nextToken() != null) {
                return "malformed JSON: trailing content after the object";
            }
            return null;
        } catch (JsonProcessingException e) {
            return "malformed JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "malformed JSON: " + e.getMessage();
        }
    }

    private static String bounded(String id) {
        return id.length() > 100 ? id.substring(0, 100) + "..." : id;
    }

    private static Uni<Response> done(Response response) {
        return Uni.createFrom().item(response);
    }
}
