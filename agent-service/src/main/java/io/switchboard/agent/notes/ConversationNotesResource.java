package io.switchboard.agent.notes;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
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
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;
import io.switchboard.agent.conversation.MyConversationsResource;
import io.switchboard.messaging.http.Bounded;
import io.switchboard.messaging.http.ErrorBody;

/** Internal notes on any conversation, for supervisors and admins. */
@Path("/conversations/{conversationKey}/notes")
@Tag(name = "notes")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class ConversationNotesResource {

    private final NotesService notes;
    private final JsonWebToken jwt;
    private final Caller caller;

    public ConversationNotesResource(NotesService notes, JsonWebToken jwt, Caller caller) {
        this.notes = notes;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The internal notes of the conversation's current episode, oldest first",
            description = NotesDocs.NOTES_DESCRIPTION)
    @APIResponse(responseCode = "200", description = "The notes", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = NoteDetails[].class),
            examples = @ExampleObject(name = "one_note", value = NotesDocs.NOTES)))
    @APIResponse(responseCode = "403", description = "not_yours", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ErrorBody.class),
            examples = @ExampleObject(name = "not_yours", value = NotesDocs.NOT_YOURS)))
    @APIResponse(responseCode = "404", description = "unknown_conversation", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<List<NoteDetails>> notes(@Parameter(example = NotesDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey) {
        return notes.notes(agentId(), conversationKey);
    }

    @POST
    @Operation(summary = "Add an internal note (never sent to the customer)", description = NotesDocs.NOTES_DESCRIPTION)
    @APIResponse(responseCode = "201", description = "The note (a retry with the same Idempotency-Key: the same note)",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NoteDetails.class),
                    examples = @ExampleObject(name = "added", value = NotesDocs.NOTE)))
    @APIResponse(responseCode = "400", description = "validation_failed, input_out_of_bounds (text over 4096 "
            + "characters), idempotency_key_required", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "too_long", value = NotesDocs.TOO_LONG)))
    @APIResponse(responseCode = "403", description = "not_yours", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ErrorBody.class),
            examples = @ExampleObject(name = "not_yours", value = NotesDocs.NOT_YOURS)))
    @APIResponse(responseCode = "409", description = "conversation_closed, idempotency_in_progress, "
            + "idempotency_key_reused", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<RestResponse<NoteDetails>> add(@Parameter(example = NotesDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey, @Parameter(description = NotesDocs.KEY_HEADER, example = "note-5b1f")
            @HeaderParam(MyConversationsResource.IDEMPOTENCY_KEY) @Bounded String key,
            @Valid @NotNull NoteRequests.AddNote body) {
        return notes.add(agentId(), author(), role(), conversationKey, NoteRequests.key(key), body)
                .map(note -> RestResponse.status(RestResponse.Status.CREATED, note));
    }

    /** Whose conversation it must be: the calling agent's, or anyone's (null) for a supervisor. */
    private String agentId() {
        return null;
    }

    private String author() {
        return caller.agentId(jwt);
    }

    private String role() {
        return jwt.getGroups().contains(Caller.ADMIN) && !jwt.getGroups().contains(Caller.SUPERVISOR)
                ? Caller.ADMIN : Caller.SUPERVISOR;
    }
}
