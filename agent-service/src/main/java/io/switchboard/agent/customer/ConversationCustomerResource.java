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

/** The customer of any conversation, for supervisors and admins. */
@Path("/conversations/{conversationKey}/customer")
@Tag(name = "customers")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class ConversationCustomerResource {

    private final CustomerService customers;

    public ConversationCustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @GET
    @Operation(summary = "The customer: name, username, identities, first and last contact, previous conversations")
    @APIResponse(responseCode = "200", description = "The customer", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = CustomerDetails.class),
            examples = @ExampleObject(name = "returning_customer", value = CustomerDocs.CUSTOMER)))
    @APIResponse(responseCode = "403", description = "not_yours: the conversation is not assigned to the caller",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class),
                    examples = @ExampleObject(name = "not_yours", value = CustomerDocs.NOT_YOURS)))
    @APIResponse(responseCode = "404", description = "unknown_conversation", content = @Content(
            mediaType = "application/json", schema = @Schema(implementation = ErrorBody.class)))
    public Uni<CustomerDetails> customer(@Parameter(example = CustomerDocs.KEY) @PathParam("conversationKey")
            @Bounded String conversationKey) {
        return customers.customer(agentId(), conversationKey);
    }

    /** Supervisors see any conversation: no agent to check. */
    private static String agentId() {
        return null;
    }
}
