package io.switchboard.agent.customer;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

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

/** The customer's previous conversations, for supervisors and admins. */
@Path("/conversations/{conversationKey}/history")
@Tag(name = "customers")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class ConversationHistoryResource {

    private final CustomerService customers;

    public ConversationHistoryResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    @Path("{conversationId}")
    @Operation(summary = "A previous (closed) conversation of the customer with its transcript",
            description = "conversationId is one of the customer's previousConversations; its history link is this path.")
    @APIResponse(responseCode = "200", description = "The closed conversation", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ConversationHistory.class),
            examples = @ExampleObject(name = "resolved", value = CustomerDocs.HISTORY)))
    @APIResponse(responseCode = "403", description = "not_yours: the conversation is not assigned to the caller",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "not_yours", value = CustomerDocs.NOT_YOURS)))
    @APIResponse(responseCode = "404", description = "unknown_conversation, or unknown_history (no closed "
            + "conversation with that id under this key)", content = @Content(mediaType = "application/json",
                    schema = @Schema(implementation = ErrorBody.class)))
    public Uni<ConversationHistory> history(@Parameter(example = CustomerDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey, @Parameter(example = CustomerDocs.EPISODE)
            @PathParam("conversationId") @Bounded String conversationId) {
        return customers.history(agentId(), conversationKey, conversationId);
    }

    /** Supervisors see any conversation: no agent to check. */
    private static String agentId() {
        return null;
    }
}
