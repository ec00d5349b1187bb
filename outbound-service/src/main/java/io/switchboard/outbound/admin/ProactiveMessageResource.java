package io.switchboard.outbound.admin;

import java.time.Duration;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.Channel;
import io.switchboard.events.ReplyRequested;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ErrorBody;
import io.switchboard.outbound.config.OutboundConfig;

/**
 * Proactive contact: a business starts (or resumes) a WhatsApp conversation with an approved template. The endpoint
 * only validates and publishes a {@code ReplyRequested}; the delivery pipeline sends it like any reply, so the
 * idempotency key, pacing, retries and results are the same. 202 means Kafka holds the command, not that WhatsApp
 * accepted it: that arrives on {@code switchboard.outbound-results.v1}.
 */
@Path("/admin/proactive-messages")
@Tag(name = "Proactive contact")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
public class ProactiveMessageResource {

    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";
    private static final Logger LOG = Logger.getLogger(ProactiveMessageResource.class);

    private final OutboundConfig config;
    private final ProactivePublisher publisher;

    public ProactiveMessageResource(OutboundConfig config, ProactivePublisher publisher) {
        this.config = config;
        this.publisher = publisher;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Send an approved WhatsApp template to a customer, with or without a conversation",
            description = "Publishes a ReplyRequested to switchboard.outbound.v1, keyed by the conversation key "
                    + "wa:{phone_number_id}:{user}. The same Idempotency-Key for the same account is the same command: "
                    + "sent at most once, whatever the number of requests (the first body wins). The outcome follows "
                    + "on switchboard.outbound-results.v1 with idempotencyKey = commandId.")
    @APIResponse(responseCode = "202", description = "Kafka acknowledged the command",
            content = @Content(schema = @Schema(implementation = ProactiveResponses.Accepted.class)))
    @APIResponse(responseCode = "400", description = "Invalid request, with the reason; free text is refused",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither role admin nor integration")
    @APIResponse(responseCode = "503", description = "Kafka did not acknowledge in time: retry with the same "
            + "Idempotency-Key", headers = @Header(name = "Retry-After", description = "seconds",
                    schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.INTEGER)),
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Uni<Response> send(
            @Parameter(description = "Client-chosen key, 1 to 200 visible ASCII characters; a retry reuses it",
                    required = true) @HeaderParam(IDEMPOTENCY_HEADER) String idempotencyKey,
            ProactiveMessage message) {
        String invalid = ProactiveCommands.invalidIdempotencyKey(idempotencyKey);
        if (invalid == null) {
            invalid = ProactiveCommands.invalid(message);
        }
        if (invalid == null) {
            OutboundConfig.Account account = config.accounts().get(message.channelAccountId());
            if (account == null || !Channel.WHATSAPP.wireName().equals(account.channel())) {
                invalid = "channelAccountId " + message.channelAccountId() + " is not a configured WhatsApp phone "
                        + "number id";
            }
        }
        if (invalid != null) {
            return answer(Response.Status.BAD_REQUEST, "invalid_request", invalid);
        }
        ReplyRequested command = ProactiveCommands.command(message, idempotencyKey, Instant.now());
        Duration timeout = config.adminPublishTimeout();
        return publisher.publish(command)
                .ifNoItem().after(timeout).fail()
                .onItem().transform(ignored -> Response.accepted(
                        new ProactiveResponses.Accepted(command.eventId(), command.conversationKey()))
                        .type(MediaType.APPLICATION_JSON).build())
                .onFailure().recoverWithItem(failure -> {
                    // Kafka may still write it after this answer: the client's retry with the same key is harmless.
                    LOG.warnf("proactive command %s not acknowledged by Kafka: %s", command.eventId(), failure.toString());
                    return Response.status(Response.Status.SERVICE_UNAVAILABLE)
                            .header("Retry-After", Math.max(1, timeout.toSeconds()))
                            .entity(ErrorBody.of("kafka_unavailable", "Kafka did not acknowledge the command; "
                                    + "retry with the same Idempotency-Key"))
                            .type(MediaType.APPLICATION_JSON).build();
                });
    }

    private static Uni<Response> answer(Response.Status status, String code, String message) {
        return Uni.createFrom().item(Response.status(status).entity(ErrorBody.of(code, message))
                .type(MediaType.APPLICATION_JSON).build());
    }
}
