package io.switchboard.ingress.custom;

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

import com.fasterxml.jackson.databind.JsonNode;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.ingress.webhook.Signatures;
import io.switchboard.ingress.webhook.WebhookIntake;
import io.switchboard.ingress.webhook.WebhookMetrics;
import io.switchboard.ingress.webhook.WebhookOutcome;

/**
 * The custom source protocol, version 1 (docs/custom-source.md): HMAC signature over timestamp, idempotency key and
 * body; a per-source rate; a repeated request answered as the first time ({@link CustomReplays}); one event or a
 * batch, read strictly and validated against the published schema before it is accepted, so a source learns about
 * a mistake at once (400, do not retry) instead of it surfacing later in a dead-letter topic. The checks run in the
 * order §4 of the document gives.
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
    private final SourceRateLimits rateLimits;
    private final CustomReplays replays;
    private final WebhookMetrics metrics;

    public CustomSourceResource(IngressConfig config, WebhookIntake intake, CustomSourceSchema schema,
            SourceRateLimits rateLimits, CustomReplays replays, WebhookMetrics metrics) {
        this.config = config;
        this.intake = intake;
        this.schema = schema;
        this.rateLimits = rateLimits;
        this.replays = replays;
        this.metrics = metrics;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Events from a custom source: 202 once kept in Kafka (a repeat of an accepted request: the "
            + "same 202, nothing stored again); 400 with the reason for malformed JSON, a schema violation or a field "
            + "out of bounds, naming the field; 401 for missing signature headers or a stale timestamp; 403 for a "
            + "wrong signature; 409 for an Idempotency-Key used with another body; 413 over 1 MiB; 429 with "
            + "Retry-After over the source's rate; 503 with Retry-After when Kafka is unavailable")
    public Uni<Response> receive(@PathParam("sourceId") String sourceId,
            @HeaderParam(SIGNATURE_HEADER) String signature, @HeaderParam(TIMESTAMP_HEADER) String timestamp,
            @HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey, byte[] body) {
        Instant receivedAt = Instant.now();
        if (body.length > CustomSourceBody.MAX_BYTES) {
            return done(tooLarge(body.length));
        }
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
        if (!validKey(idempotencyKey)) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, IDEMPOTENCY_HEADER
                    + " header is required: 1 to 200 visible ASCII characters (U+0021 to U+007E)"));
        }
        if (!Signatures.matches(signature, source.secret(), signedPrefix(timestamp, idempotencyKey), body)) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.FORBIDDEN,
                    SIGNATURE_HEADER + " does not match timestamp, " + IDEMPOTENCY_HEADER + " and body"));
        }
        long wait = rateLimits.take(sourceId, source);
        if (wait > 0) {
            return done(Response.fromResponse(intake.refuse(CHANNEL, WebhookOutcome.RATE_LIMITED,
                    "more requests than source " + sourceId + " may send; retry after " + wait + " s"))
                    .header("Retry-After", wait).build());
        }
        CustomReplays.Claim claim = replays.claim(sourceId, idempotencyKey,
                RawWebhook.digest(CHANNEL, sourceId, body));
        switch (claim.kind()) {
            case REPEAT:
                metrics.record(CHANNEL, WebhookOutcome.REPLAYED);
                return done(accepted(claim.accepted(), idempotencyKey));
            case CONFLICT:
                return done(intake.refuse(CHANNEL, WebhookOutcome.CONFLICT, IDEMPOTENCY_HEADER + " "
                        + idempotencyKey + " was used before with another body: use a new key for a new request"));
            case IN_FLIGHT:
                return done(intake.refuse(CHANNEL, WebhookOutcome.CONFLICT, "idempotency_key_in_use",
                        "a request with " + IDEMPOTENCY_HEADER + " " + idempotencyKey
                                + " is being handled now; retry in a moment", List.of()));
            case FRESH:
                try {
                    return store(sourceId, idempotencyKey, signature, body, receivedAt, claim)
                            .onFailure().invoke(failure -> replays.release(claim));
                } catch (RuntimeException e) {
                    // A key left in flight would be refused 409 until the memory forgets it.
                    replays.release(claim);
                    throw e;
                }
            default:
                throw new IllegalStateException("unknown claim " + claim.kind());
        }
    }

    /** A request not seen before: checked, then kept on the raw topic; a refusal forgets it again. */
    private Uni<Response> store(String sourceId, String idempotencyKey, String signature, byte[] body,
            Instant receivedAt, CustomReplays.Claim claim) {
        Checked checked = check(sourceId, body);
        if (checked.refusal() != null) {
            replays.release(claim);
            return done(checked.refusal());
        }
        int accepted = checked.events();
        RawWebhook raw = new RawWebhook(CHANNEL, sourceId, CHANNEL + ":" + sourceId, body, signature, idempotencyKey,
                receivedAt);
        return intake.accept(raw, () -> {
            replays.accepted(claim, accepted);
            return accepted(accepted, idempotencyKey);
        }).invoke(response -> {
            if (response.getStatus() != Response.Status.ACCEPTED.getStatusCode()) {
                replays.release(claim);
            }
        });
    }

    /** A body checked: the 400 when it is not valid JSON, the schema or the bounds, else its number of events. */
    private record Checked(Response refusal, int events) {
    }

    private Checked check(String sourceId, byte[] body) {
        JsonNode tree;
        try {
            tree = CustomSourceBody.read(body);
        } catch (CustomSourceBody.Malformed e) {
            return new Checked(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, "malformed_json", e.getMessage(),
                    List.of()), 0);
        }
        List<String> violations = schema.violations(tree);
        if (!violations.isEmpty()) {
            return new Checked(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED, "validation_failed",
                    "body does not match the custom source schema v1", violations), 0);
        }
        List<String> outOfBounds = CustomSourceBounds.violations(sourceId, tree);
        if (!outOfBounds.isEmpty()) {
            return new Checked(intake.refuse(CHANNEL, WebhookOutcome.OUT_OF_BOUNDS,
                    WebhookOutcome.OUT_OF_BOUNDS.code(), "a field is too long or holds a character it may not",
                    outOfBounds), 0);
        }
        return new Checked(null, tree.has("events") ? tree.get("events").size() : 1);
    }

    /** The 413 of a body over the limit that came chunked, so BodyLimitFilter saw no length. */
    private Response tooLarge(long bytes) {
        return intake.refuse(CHANNEL, WebhookOutcome.TOO_LARGE, "the body is " + bytes + " bytes, more than "
                + CustomSourceBody.MAX_BYTES + " (1 MiB): split the batch");
    }

    /** What the signature covers before the body: {@code X-Timestamp + "." + Idempotency-Key + "."} (§2.3). */
    static byte[] signedPrefix(String timestamp, String idempotencyKey) {
        return (timestamp.trim() + "." + idempotencyKey + ".").getBytes(StandardCharsets.UTF_8);
    }

    private static boolean validKey(String key) {
        if (key == null || key.isEmpty() || key.length() > 200) {
            return false;
        }
        return key.chars().allMatch(c -> c >= 0x21 && c <= 0x7E);
    }

    private static Response accepted(int accepted, String idempotencyKey) {
        return Response.accepted(Map.of("accepted", accepted, "idempotencyKey", idempotencyKey))
                .type(MediaType.APPLICATION_JSON).build();
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
