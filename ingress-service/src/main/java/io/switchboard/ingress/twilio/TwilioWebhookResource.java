package io.switchboard.ingress.twilio;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.webhook.RawWebhook;
import io.switchboard.ingress.webhook.WebhookIntake;
import io.switchboard.ingress.webhook.WebhookOutcome;

/**
 * Twilio's webhooks for SMS and MMS (docs/channels.md §6): inbound messages at {@code /webhooks/twilio/{accountSid}},
 * status callbacks at {@code .../status}. Both are form-encoded and signed with {@code X-Twilio-Signature} over the
 * URL Twilio called and the sorted parameters; the body is kept on the raw topic exactly as received, and normalized
 * there like every other channel's. Twilio reads the answer to an inbound message as TwiML: an empty
 * {@code <Response/>} says "no reply now" (replies go through the Messages API from outbound-service).
 */
@Path("/webhooks/twilio/{accountSid}")
@Tag(name = "Twilio webhooks")
// No bearer token: Twilio proves itself by X-Twilio-Signature. Any content type is read (as bytes): a caller without
// the signature gets 401, not 415, and the body stays byte for byte what Twilio sent.
@PermitAll
public class TwilioWebhookResource {

    static final String CHANNEL = "sms";
    static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";
    private static final String EXAMPLE = "MessageSid=SM60566ee207e123ee2765abcc55c9b9c9&AccountSid="
            + "ACae0e356ccba96d16d8d4f6f9518684a3&From=%2B16505558893&To=%2B16505551366&Body=hi+there&NumMedia=0";
    private static final String STATUS_EXAMPLE = "MessageSid=SM7a1b2c3d4e5f60718293a4b5c6d7e8f9&MessageStatus="
            + "delivered&AccountSid=ACae0e356ccba96d16d8d4f6f9518684a3&From=%2B16505551366&To=%2B16505558893";

    private final IngressConfig config;
    private final WebhookIntake intake;

    public TwilioWebhookResource(IngressConfig config, WebhookIntake intake) {
        this.config = config;
        this.intake = intake;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({ MediaType.TEXT_XML, MediaType.APPLICATION_JSON })
    @Operation(summary = "An inbound SMS or MMS: 200 with an empty TwiML <Response/> once kept in Kafka; 401 for a "
            + "missing or wrong X-Twilio-Signature; 404 for an unknown account; 400 for a body that is not a form; "
            + "503 with Retry-After when Kafka is unavailable (Twilio retries as its connection overrides say)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            examples = @ExampleObject(name = "sms", value = EXAMPLE)))
    public Uni<Response> receive(@PathParam("accountSid") String accountSid,
            @HeaderParam(TwilioSignature.HEADER) String signature, @Context UriInfo uri, byte[] body) {
        return receive(accountSid, signature, uri, body,
                () -> Response.ok(EMPTY_TWIML, MediaType.TEXT_XML_TYPE.withCharset("UTF-8")).build());
    }

    @POST
    @Path("status")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A status callback of a message we sent (queued, sent, delivered, undelivered, failed, "
            + "read): 204 once kept in Kafka; 401 for a missing or wrong X-Twilio-Signature; 404 for an unknown "
            + "account; 400 for a body that is not a form; 503 with Retry-After when Kafka is unavailable")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_FORM_URLENCODED,
            examples = @ExampleObject(name = "delivered", value = STATUS_EXAMPLE)))
    public Uni<Response> status(@PathParam("accountSid") String accountSid,
            @HeaderParam(TwilioSignature.HEADER) String signature, @Context UriInfo uri, byte[] body) {
        return receive(accountSid, signature, uri, body, () -> Response.noContent().build());
    }

    private Uni<Response> receive(String accountSid, String signature, UriInfo uri, byte[] body,
            java.util.function.Supplier<Response> answer) {
        Instant receivedAt = Instant.now();
        Optional<IngressConfig.Twilio.Account> account = account(accountSid);
        if (account.isEmpty()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNKNOWN_SOURCE, "unknown Twilio account " + accountSid));
        }
        if (signature == null || signature.isBlank()) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.UNSIGNED,
                    "missing " + TwilioSignature.HEADER + " header"));
        }
        TwilioForm form;
        try {
            form = TwilioForm.parse(body);
        } catch (IllegalArgumentException e) {
            return done(intake.refuse(CHANNEL, WebhookOutcome.MALFORMED,
                    "the body is not application/x-www-form-urlencoded: " + e.getMessage()));
        }
        if (!TwilioSignature.matches(signature, account.get().authToken(), url(uri), form)) {
            // Twilio documents no answer for a bad signature; 401 (not Meta's 403) as its SDK middlewares do not
            // either, with the error body every other refusal has.
            return done(Response.fromResponse(intake.refuse(CHANNEL, WebhookOutcome.FORBIDDEN,
                    TwilioSignature.HEADER + " does not match the URL and parameters")).status(401).build());
        }
        RawWebhook raw = new RawWebhook(CHANNEL, accountSid, CHANNEL + ":" + accountSid, body, signature, null,
                receivedAt);
        return intake.accept(raw, answer);
    }

    /** The URL Twilio called: the configured public base (behind a proxy) with this request's path and query. */
    private String url(UriInfo uri) {
        String requested = uri.getRequestUri().toString();
        Optional<String> base = config.twilio().publicBaseUrl();
        if (base.isEmpty()) {
            return requested;
        }
        String path = uri.getRequestUri().getRawPath();
        String query = uri.getRequestUri().getRawQuery();
        String trimmed = base.get().endsWith("/") ? base.get().substring(0, base.get().length() - 1) : base.get();
        return trimmed + path + (query == null ? "" : "?" + query);
    }

    private Optional<IngressConfig.Twilio.Account> account(String accountSid) {
        for (Map.Entry<String, IngressConfig.Twilio.Account> entry : config.twilio().accounts().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(accountSid)) {
                return Optional.of(entry.getValue());
            }
        }
        return Optional.empty();
    }

    private static Uni<Response> done(Response response) {
        return Uni.createFrom().item(response);
    }
}
