package io.switchboard.agent.conversation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.switchboard.messaging.http.Bounded;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;

/** Supervisors and admins see every open conversation. */
@Path("/conversations")
@Tag(name = "conversations")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class ConversationsResource {

    private final ActionService actions;

    public ConversationsResource(ActionService actions) {
        this.actions = actions;
    }

    @GET
    @Operation(summary = "Every open conversation with its transcript")
    public Uni<List<ConversationDetails>> all() {
        return actions.conversations(null);
    }

    @GET
    @Path("{conversationKey}")
    @Operation(summary = "Any conversation with its transcript")
    public Uni<ConversationDetails> one(@PathParam("conversationKey") @Bounded String conversationKey) {
        return actions.conversation(null, conversationKey);
    }
}
