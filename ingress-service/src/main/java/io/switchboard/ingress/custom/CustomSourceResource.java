package io.switchboard.ingress.custom;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.ingress.webhook.Signatures;
import io.switchboard.ingress.webhook.WebhookIntake;
import io.switchboard.ingress.webhook.WebhookOutcome;

/**
 * The custom source protocol, version 1 (docs/custom-source.md): timestamped HMAC signature, idempotency key, one
 * event or a batch, validated against the published schema before it is accepted, so a source learns about a
 * mistake at once (400, do not retry) instead of it surfacing later in a dead-letter topic.
 */
@Path("/webhooks/custom/{sourceId}")
@Tag(name = "Custom sources")
// No bearer token: a source proves itself by its timestamped X-Signature-256 (docs/custom-source.md).
@PermitAll
public class CustomSourceResource {

    static final String SIGNATURE_HEADER = "X-Signature-256";
    static final String TIMESTAMP_HEADER = "X-Timestamp";
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final String CHANNEL = "custom";

    private final IngressConfig config;
    private final WebhookIntake intake;
    private final CustomSourceSchema schema;
    private final ObjectMapper json = new ObjectMapper();

    public CustomSourceResource(IngressConfig config, WebhookIntake intake, CustomSourceSchema schema) {
        this.config = config;
        this.intake = intake;
        this.schema = schema;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events from a custom source: 202 once kept in Kafka; 400 with the reason for malformed "
            + "JSON, a schema violation or a field out of bounds (too long, or holding NUL), naming the field; 401 for missing signature headers or a stale timestamp; 403 for a wrong "
            + "signature; 503 with Retry-After when Kafka is unavailable")
    public Uni<Response> receive(@PathParam("sourceId") String sourceId,
            @HeaderParam(SIGNATURE_HEADER) String signature, @HeaderParam(TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey, byte[] body) {
        Instant receivedAt = Instant.now();
        IngressConfig.Custom.Source source = config.custom().sources().get(sourceId);
        if (source == null) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNKNOWN_SOURCE, "unknown source " + sourceId));
        }
        if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNSIGNED,
                    "missing " + SIGNATURE_HEADER + " or " + TIMESTAMP_HEADER + " header"));
        }
        String staleness = checkTimestamp(timestamp, receivedAt);
        if (staleness != null) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNSIGNED, staleness));
        }
        byte[] signedPrefix = (timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        if (!Signatures.matches(signature, source.secret(), signedPrefix, body)) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.FORBIDDEN,
                    SIGNATURE_HEADER + " does not match timestamp and body"));
        }
        if (idempotencyKey == null || idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED,
                    IDEMPOTENCY_HEADER + " header is required (1 to 200 characters)"));
        }
        JsonNode tree;
        try {
            tree = json.readTree(body);
        } catch (JsonProcessingException e) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, "malformed_json",
                    "malformed JSON: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr()
                            + ", column " + e.getLocation().getColumnNr(), List.of()));
        } catch (IOException e) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, "unreadable body: " + e.getMessage()));
        }
        if (tree == null || tree.isMissingNode()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, "empty body"));
        }
        List<String> violations = schema.violations(tree);
        if (!violations.isEmpty()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, "validation_failed",
                    "body does not match the custom source schema v1", violations));
        }
        List<String> outOfBounds = CustomSourceBounds.violations(sourceId, tree);
        if (!outOfBounds.isEmpty()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.OUT_OF_BOUNDS, WebhookOutcome.OUT_OF_BOUNDS.code(),
                    "a field is too long or holds a NUL character", outOfBounds));
        }
        int accepted = tree.has("events") ? tree.get("events").size() : 1;
        RawWebhook raw = new RawWebhook(CHANNEL, sourceId, CHANNEL + ":" + sourceId, body, signature, idempotencyKey,
                receivedAt);
        return intake.accept(raw, () -> Response.accepted(Map.of("accepted", accepted, "idempotencyKey", idempotencyKey))
                .type(MediaType.APPLICATION_JSON).build());
    }

    /** Null when the signed timestamp is within the allowed skew; else why not. */
    private String checkTimestamp(String timestamp, Instant now) {
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return TIMESTAMP_HEADER + " must be Unix seconds";
        }
        Duration skew = Duration.between(Instant.ofEpochSecond(seconds), now).abs();
        return skew.compareTo(config.custom().maxClockSkew()) > 0
                ? TIMESTAMP_HEADER + " is more than " + config.custom().maxClockSkew().toSeconds()
                        + " s from our clock (replay or clock skew)"
                : null;
    }

    private static Uni<Response> done(Response response) {
        return Uni.createFrom().item(response);
    }
}
