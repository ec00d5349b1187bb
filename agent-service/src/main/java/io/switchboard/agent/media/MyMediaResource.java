package io.switchboard.agent.media;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.agent.api.Caller;
import io.switchboard.messaging.http.Bounded;
import io.switchboard.messaging.http.ErrorBody;

/** A customer's media in one of the calling agent's conversations. */
@Path("/me/conversations/{conversationKey}/media")
@Tag(name = "conversations")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.AGENT)
public class MyMediaResource {

    private final MediaService media;
    private final JsonWebToken jwt;
    private final Caller caller;

    public MyMediaResource(MediaService media, JsonWebToken jwt, Caller caller) {
        this.media = media;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Path("{mediaId}")
    @Blocking
    @Produces("*/*")
    @Operation(summary = "A customer's media in the calling agent's conversation, streamed from the channel",
            description = MediaDocs.DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The file, with the channel's Content-Type and Content-Length",
            content = @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "403", description = "not_yours: the conversation is not assigned to the caller",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "unknown_conversation, unknown_media, or media_unavailable "
            + "(the channel no longer has it)", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "expired", value = MediaDocs.NOT_FOUND)))
    @APIResponse(responseCode = "502", description = "media_upstream_failed, media_too_large, media_account_unknown",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "graph_error", value = MediaDocs.BAD_GATEWAY)))
    public Response media(
            @Parameter(example = MediaDocs.EXAMPLE_KEY) @PathParam("conversationKey") @Bounded String conversationKey,
            @Parameter(description = "content.media[].mediaId of a transcript entry", example = MediaDocs.EXAMPLE_MEDIA)
            @PathParam("mediaId") @Bounded String mediaId) {
        return media.stream(caller.agentId(jwt), conversationKey, mediaId);
    }
}
