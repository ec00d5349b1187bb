package io.switchboard.agent.canned;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;
import io.switchboard.messaging.http.Bounded;
import io.switchboard.messaging.http.ErrorBody;

/** The canned replies that apply to one of the calling agent's conversations, rendered for it. */
@Path("/me/conversations/{conversationKey}/canned-replies")
@Tag(name = "canned-replies")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.AGENT)
public class MyCannedRepliesResource {

    private static final String DESCRIPTION = "Those whose queue and channel scope fit the conversation (unscoped "
            + "ones always), with the placeholders filled in for its customer and the calling agent. "
            + CannedDocs.PLACEHOLDERS;

    private final CannedReplies replies;
    private final JsonWebToken jwt;
    private final Caller caller;

    public MyCannedRepliesResource(CannedReplies replies, JsonWebToken jwt, Caller caller) {
        this.replies = replies;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The canned replies for this conversation, rendered", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "Rendered replies, by title", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RenderedReply[].class),
            examples = @ExampleObject(name = "one", value = "[" + CannedDocs.RENDERED + "]")))
    @APIResponse(responseCode = "403", description = "not_yours", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<RenderedReply>> list(@Parameter(example = CannedDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey) {
        return replies.forConversation(caller.agentId(jwt), conversationKey);
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One canned reply rendered for this conversation", description = DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The rendered reply", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = RenderedReply.class),
            examples = @ExampleObject(name = "greeting", value = CannedDocs.RENDERED)))
    @APIResponse(responseCode = "403", description = "not_yours", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "404", description = "unknown_conversation, unknown_canned_reply (also one scoped "
            + "to another queue or channel)", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RenderedReply> one(@Parameter(example = CannedDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey, @Parameter(example = CannedDocs.ID) @PathParam("id") @Bounded String id) {
        return replies.renderedFor(caller.agentId(jwt), conversationKey, id);
    }
}
