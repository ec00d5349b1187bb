package io.switchboard.agent.notes;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

/** Tags of any conversation, for supervisors and admins. */
@Path("/conversations/{conversationKey}/tags")
@Tag(name = "notes")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class ConversationTagsResource {

    private final NotesService notes;
    private final JsonWebToken jwt;
    private final Caller caller;

    public ConversationTagsResource(NotesService notes, JsonWebToken jwt, Caller caller) {
        this.notes = notes;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The tags of the conversation's current episode", description = NotesDocs.TAGS_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The tags (an empty list when none)", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TagsDetails.class),
            examples = @ExampleObject(name = "tagged", value = NotesDocs.TAGS)))
    @APIResponse(responseCode = "403", description = "not_yours", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ErrorBody.class),
            examples = @ExampleObject(name = "not_yours", value = NotesDocs.NOT_YOURS)))
    @APIResponse(responseCode = "404", description = "unknown_conversation", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TagsDetails> tags(@Parameter(example = NotesDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey) {
        return notes.tags(agentId(), conversationKey);
    }

    @PUT
    @Operation(summary = "Replace the tags of the conversation's current episode",
            description = NotesDocs.TAGS_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The tags as stored", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = TagsDetails.class),
            examples = @ExampleObject(name = "tagged", value = NotesDocs.TAGS)))
    @APIResponse(responseCode = "400", description = "validation_failed (more than 20 tags, a blank one), "
            + "input_out_of_bounds (a tag over 64 characters)", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "403", description = "not_yours", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ErrorBody.class),
            examples = @ExampleObject(name = "not_yours", value = NotesDocs.NOT_YOURS)))
    @APIResponse(responseCode = "409", description = "conversation_closed", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<TagsDetails> putTags(@Parameter(example = NotesDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey, @Valid @NotNull NoteRequests.PutTags body) {
        return notes.putTags(agentId(), author(), conversationKey, body);
    }

    /** Whose conversation it must be: the calling agent's, or anyone's (null) for a supervisor. */
    private String agentId() {
        return null;
    }

    private String author() {
        return caller.agentId(jwt);
    }
}
