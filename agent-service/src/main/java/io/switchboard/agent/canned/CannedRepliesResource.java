package io.switchboard.agent.canned;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;
import io.switchboard.agent.conversation.MyConversationsResource;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.http.Bounded;
import io.switchboard.messaging.http.ErrorBody;

/** Supervisors and admins manage the canned replies agents pick from. */
@Path("/canned-replies")
@Tag(name = "canned-replies")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class CannedRepliesResource {

    private final CannedReplies replies;
    private final JsonWebToken jwt;
    private final Caller caller;

    public CannedRepliesResource(CannedReplies replies, JsonWebToken jwt, Caller caller) {
        this.replies = replies;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Every canned reply, or those offered for a queue and/or channel (the unscoped ones too)")
    @APIResponse(responseCode = "200", description = "The canned replies, by title", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CannedReplyDetails[].class),
            examples = @ExampleObject(name = "one", value = "[" + CannedDocs.DETAILS + "]")))
    public Uni<List<CannedReplyDetails>> list(@Parameter(example = "support") @QueryParam("queueId")
            @Bounded(max = 128) String queueId, @Parameter(example = "whatsapp") @QueryParam("channel")
            @Bounded(max = 32) String channel) {
        return replies.list(queueId, channel);
    }

    @POST
    @Operation(summary = "Create a canned reply", description = CannedDocs.PLACEHOLDERS)
    @APIResponse(responseCode = "201", description = "Created (a retry with the same Idempotency-Key: the same one)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CannedReplyDetails.class),
                    examples = @ExampleObject(name = "created", value = CannedDocs.DETAILS)))
    @APIResponse(responseCode = "400", description = "validation_failed, input_out_of_bounds, unknown_placeholder, "
            + "idempotency_key_required", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "unknown_placeholder", value = CannedDocs.UNKNOWN_PLACEHOLDER)))
    public Uni<RestResponse<CannedReplyDetails>> create(
            @Parameter(description = "Kept across retries of one click", example = "canned-8d21")
            @HeaderParam(MyConversationsResource.IDEMPOTENCY_KEY) @Bounded String key,
            @Valid @NotNull CannedReplyRequest body) {
        return replies.create(caller.agentId(jwt), key(key), body).map(created -> RestResponse.ResponseBuilder
                .<CannedReplyDetails>create(RestResponse.Status.CREATED, created)
                .location(URI.create("/canned-replies/" + created.id())).build());
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One canned reply")
    @APIResponse(responseCode = "200", description = "The canned reply", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CannedReplyDetails.class),
            examples = @ExampleObject(name = "greeting", value = CannedDocs.DETAILS)))
    @APIResponse(responseCode = "404", description = "unknown_canned_reply", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CannedReplyDetails> one(@Parameter(example = CannedDocs.ID) @PathParam("id") @Bounded String id) {
        return replies.one(id);
    }

    @PUT
    @Path("{id}")
    @Operation(summary = "Replace a canned reply's title, text and scope", description = CannedDocs.PLACEHOLDERS)
    @APIResponse(responseCode = "200", description = "The canned reply as stored", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = CannedReplyDetails.class),
            examples = @ExampleObject(name = "greeting", value = CannedDocs.DETAILS)))
    @APIResponse(responseCode = "400", description = "validation_failed, input_out_of_bounds, unknown_placeholder",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "unknown_placeholder", value = CannedDocs.UNKNOWN_PLACEHOLDER)))
    @APIResponse(responseCode = "404", description = "unknown_canned_reply", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CannedReplyDetails> replace(@Parameter(example = CannedDocs.ID) @PathParam("id") @Bounded String id,
            @Valid @NotNull CannedReplyRequest body) {
        return replies.replace(id, body);
    }

    @DELETE
    @Path("{id}")
    @Operation(summary = "Delete a canned reply")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "404", description = "unknown_canned_reply", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<Void>> delete(@Parameter(example = CannedDocs.ID) @PathParam("id") @Bounded String id) {
        return replies.delete(id).map(ignored -> RestResponse.noContent());
    }

    private static String key(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ApiException.badRequest("idempotency_key_required",
                    "send an Idempotency-Key header (1-200 characters) that stays the same when the request is retried");
        }
        return key;
    }
}
