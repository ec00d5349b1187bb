package io.switchboard.agent.conversation;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import io.switchboard.messaging.http.Bounded;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.api.Caller;

/**
 * The calling agent's offers and conversations, and what they do with them. Every action needs an
 * {@code Idempotency-Key} header that the front end keeps across retries of one click.
 */
@Path("/me")
@Tag(name = "conversations")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.AGENT)
public class MyConversationsResource {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final ActionService actions;
    private final JsonWebToken jwt;
    private final Caller caller;

    public MyConversationsResource(ActionService actions, JsonWebToken jwt, Caller caller) {
        this.actions = actions;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Path("offers")
    @Operation(summary = "Open offers to the calling agent, with their deadlines")
    public Uni<List<OfferDetails>> offers() {
        return actions.openOffers(caller.agentId(jwt));
    }

    @POST
    @Path("offers/{offerId}/accept")
    @Operation(summary = "Accept an offer; routing assigns the conversation unless the offer is gone")
    public Uni<RestResponse<ActionAccepted>> accept(@PathParam("offerId") @Bounded String offerId,
            @HeaderParam(IDEMPOTENCY_KEY) @Bounded String key) {
        return accepted(actions.accept(caller.agentId(jwt), offerId, key(key)));
    }

    @POST
    @Path("offers/{offerId}/decline")
    @Operation(summary = "Decline an offer")
    public Uni<RestResponse<ActionAccepted>> decline(@PathParam("offerId") @Bounded String offerId,
            @HeaderParam(IDEMPOTENCY_KEY) @Bounded String key, @Valid ActionRequests.Decline body) {
        return accepted(actions.decline(caller.agentId(jwt), offerId, key(key), body));
    }

    @GET
    @Path("conversations")
    @Operation(summary = "The calling agent's open conversations with their transcripts")
    public Uni<List<ConversationDetails>> conversations() {
        return actions.conversations(caller.agentId(jwt));
    }

    @GET
    @Path("conversations/{conversationKey}")
    @Operation(summary = "One of the calling agent's conversations with its transcript")
    public Uni<ConversationDetails> conversation(@PathParam("conversationKey") @Bounded String conversationKey) {
        return actions.conversation(caller.agentId(jwt), conversationKey);
    }

    @POST
    @Path("conversations/{conversationKey}/replies")
    @Operation(summary = "Reply: text, media by link, or a template (the only kind a closed window allows)")
    public Uni<RestResponse<ActionAccepted>> reply(@PathParam("conversationKey") @Bounded String conversationKey,
            @HeaderParam(IDEMPOTENCY_KEY) @Bounded String key, @Valid @NotNull ActionRequests.Reply body) {
        return accepted(actions.reply(caller.agentId(jwt), conversationKey, key(key), body));
    }

    @POST
    @Path("conversations/{conversationKey}/resolve")
    @Operation(summary = "Ask routing to resolve the conversation")
    public Uni<RestResponse<ActionAccepted>> resolve(@PathParam("conversationKey") @Bounded String conversationKey,
            @HeaderParam(IDEMPOTENCY_KEY) @Bounded String key, @Valid @NotNull ActionRequests.Resolve body) {
        return accepted(actions.resolve(caller.agentId(jwt), conversationKey, key(key), body));
    }

    @POST
    @Path("conversations/{conversationKey}/transfer")
    @Operation(summary = "Ask routing to transfer the conversation to another agent or a queue")
    public Uni<RestResponse<ActionAccepted>> transfer(@PathParam("conversationKey") @Bounded String conversationKey,
            @HeaderParam(IDEMPOTENCY_KEY) @Bounded String key, @Valid @NotNull ActionRequests.Transfer body) {
        return accepted(actions.transfer(caller.agentId(jwt), conversationKey, key(key), body));
    }

    private static Uni<RestResponse<ActionAccepted>> accepted(Uni<ActionAccepted> action) {
        return action.map(answer -> RestResponse.status(RestResponse.Status.ACCEPTED, answer));
    }

    private static String key(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ApiException.badRequest("idempotency_key_required",
                    "send an Idempotency-Key header (1-200 characters) that stays the same when the request is retried");
        }
        return key;
    }
}
