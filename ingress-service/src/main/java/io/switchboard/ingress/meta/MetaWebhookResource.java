package io.switchboard.ingress.meta;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ErrorBody;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.ingress.webhook.Signatures;
import io.switchboard.ingress.webhook.WebhookIntake;
import io.switchboard.ingress.webhook.WebhookOutcome;

/**
 * The webhook of a Meta app: WhatsApp Cloud API, Messenger and Instagram share the handshake and the signature, and
 * one app sends all its products to one callback URL, so one endpoint serves them all. {@code /webhooks/meta} is the
 * default app; {@code /webhooks/meta/{app}} a named one. The {@code whatsapp}, {@code messenger} and
 * {@code instagram} paths are aliases for operators who prefer a URL per product.
 */
@Path("/webhooks/{product: meta|whatsapp|messenger|instagram}")
@Tag(name = "Meta webhooks")
// No bearer token: Meta proves itself by the verify token (handshake) and X-Hub-Signature-256 (deliveries).
@PermitAll
public class MetaWebhookResource {

    static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    static final String DEFAULT_APP = "default";

    private final IngressConfig config;
    private final WebhookIntake intake;

    public MetaWebhookResource(IngressConfig config, WebhookIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Subscription handshake of the default app: echoes hub.challenge when the verify token matches")
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
            @QueryParam("hub.challenge") String challenge) {
        return handshake(app(DEFAULT_APP), mode, token, challenge);
    }

    @GET
    @Path("{app}")
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(summary = "Subscription handshake of a named app")
    public Response verifyApp(@PathParam("app") String app, @QueryParam("hub.mode") String mode,
            @QueryParam("hub.verify_token") String token, @QueryParam("hub.challenge") String challenge) {
        return handshake(app(app), mode, token, challenge);
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A webhook of the default app: 200 once kept in Kafka, 401/403 for a missing or wrong "
            + "signature, 400 for a body that is not JSON, 503 with Retry-After when Kafka is unavailable")
    public Uni<Response> receive(@HeaderParam(SIGNATURE_HEADER) String signature, byte[] body) {
        return receive(DEFAULT_APP, app(DEFAULT_APP), signature, body);
    }

    @POST
    @Path("{app}")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A webhook of a named app")
    public Uni<Response> receiveApp(@PathParam("app") String app, @HeaderParam(SIGNATURE_HEADER) String signature,
            byte[] body) {
        return receive(app, app(app), signature, body);
    }

    private Uni<Response> receive(String appName, Optional<AppKeys> app, String signature, byte[] body) {
        Instant receivedAt = Instant.now();
        if (app.isEmpty()) {
            return Uni.createFrom().item(intake.refuse("meta", WebhookOutcome.UNKNOWN_SOURCE, "unknown app " + appName));
        }
        if (signature == null || signature.isBlank()) {
            return Uni.createFrom().item(
                    intake.refuse("meta", WebhookOutcome.UNSIGNED, "missing " + SIGNATURE_HEADER + " header"));
        }
        // The signature covers the exact bytes received: check it before any parsing.
        if (!Signatures.matches(signature, app.get().appSecret(), body)) {
            return Uni.createFrom().item(
                    intake.refuse("meta", WebhookOutcome.FORBIDDEN, SIGNATURE_HEADER + " does not match the body"));
        }
        MetaEnvelope envelope;
        try {
            envelope = MetaEnvelope.scan(body);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(intake.refuse("meta", WebhookOutcome.MALFORMED, e.getMessage()));
        }
        RawWebhook raw = new RawWebhook(envelope.channel(), appName, envelope.key(), body, signature, null, receivedAt);
        return intake.accept(raw, () -> Response.ok().build());
    }

    private Response handshake(Optional<AppKeys> app, String mode, String token, String challenge) {
        boolean valid = app.isPresent() && !app.get().verifyToken().isEmpty() && "subscribe".equals(mode)
                && challenge != null && token != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                        app.get().verifyToken().getBytes(StandardCharsets.UTF_8));
        return valid ? Response.ok(challenge, MediaType.TEXT_PLAIN).build()
                : Response.status(Response.Status.FORBIDDEN).type(MediaType.APPLICATION_JSON)
                        .entity(ErrorBody.of("invalid_verify_token", "the verification handshake does not match"))
                        .build();
    }

    private Optional<AppKeys> app(String name) {
        IngressConfig.Meta meta = config.meta();
        if (DEFAULT_APP.equals(name)) {
            if (meta.appSecret().isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new AppKeys(meta.appSecret().get(), meta.verifyToken().orElse("")));
        }
        return Optional.ofNullable(meta.apps().get(name)).map(a -> new AppKeys(a.appSecret(), a.verifyToken()));
    }

    private record AppKeys(String appSecret, String verifyToken) {
    }
}
