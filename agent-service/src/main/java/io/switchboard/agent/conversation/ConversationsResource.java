package io.switchboard.agent.conversation;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.switchboard.messaging.http.Bounded;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;
import io.switchboard.agent.supervisor.ConversationSearch;
import io.switchboard.agent.supervisor.SupervisorActionService;
import io.switchboard.agent.supervisor.SupervisorRequests;
import io.switchboard.messaging.http.ApiException;

/** Supervisors and admins see every open conversation and act on any (supervisor package). */
@Path("/conversations")
@Tag(name = "conversations")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class ConversationsResource {

    private final ActionService actions;
    private final ConversationSearch search;
    private final SupervisorActionService supervisors;
    private final JsonWebToken jwt;
    private final Caller caller;

    public ConversationsResource(ActionService actions, ConversationSearch search, SupervisorActionService supervisors,
            JsonWebToken jwt, Caller caller) {
        this.actions = actions;
        this.search = search;
        this.supervisors = supervisors;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "Search conversations, newest first, with their transcripts: by customer (id on the channel "
            + "or the whole key), agent, queue, state (open (default), closed, any, queued, assigned, resolved, "
            + "abandoned) and opening time [from, to); limit 1-200 (default 50); the X-Next-Cursor header, passed as "
            + "cursor, gives the next page")
    public Uni<RestResponse<List<ConversationDetails>>> all(@QueryParam("customer") @Bounded String customer,
            @QueryParam("agent") @Bounded String agent, @QueryParam("queue") @Bounded String queue,
            @QueryParam("state") @Bounded(max = 16) String state,
            @Parameter(example = "2026-11-25T00:00:00Z") @QueryParam("from") @Bounded(max = 64) String from,
            @Parameter(example = "2026-11-26T00:00:00Z") @QueryParam("to") @Bounded(max = 64) String to,
            @QueryParam("cursor") @Bounded(max = 600) String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(ConversationSearch.MAX_PAGE) int limit) {
        ConversationSearch.Filter filter = new ConversationSearch.Filter(blankToNull(customer), blankToNull(agent),
                blankToNull(queue), blankToNull(state), instant("from", from), instant("to", to), blankToNull(cursor),
                limit);
        return search.search(filter).flatMap(found -> actions.details(found.views()).map(details -> {
            RestResponse.ResponseBuilder<List<ConversationDetails>> ok = RestResponse.ResponseBuilder.ok(details);
            return (found.nextCursor() == null ? ok : ok.header(NEXT_CURSOR, found.nextCursor())).build();
        }));
    }

    /** The header naming the next page's cursor (exposed to browsers by CORS). */
    public static final String NEXT_CURSOR = "X-Next-Cursor";

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest("bad_" + name, name + " must be an ISO-8601 instant, e.g. 2026-11-25T00:00:00Z");
        }
    }

    @GET
    @Path("{conversationKey}")
    @Operation(summary = "Any conversation with its transcript")
    public Uni<ConversationDetails> one(@PathParam("conversationKey") @Bounded String conversationKey) {
        return actions.conversation(null, conversationKey);
    }

    @POST
    @Path("{conversationKey}/assignment")
    @Operation(summary = "Force-assign to an agent (not offline; may exceed their capacity): AssignmentRequested, "
            + "answered by conversation.assigned or action.rejected on the supervisors' feed")
    public Uni<RestResponse<ActionAccepted>> assign(@PathParam("conversationKey") @Bounded String conversationKey,
            @HeaderParam(MyConversationsResource.IDEMPOTENCY_KEY) @Bounded String key,
            @Valid @NotNull SupervisorRequests.Assignment body) {
        return accepted(supervisors.assign(caller.agentId(jwt), conversationKey, idempotencyKey(key), body));
    }

    @POST
    @Path("{conversationKey}/transfer")
    @Operation(summary = "Transfer anyone's conversation to an agent or a queue, as a supervisor")
    public Uni<RestResponse<ActionAccepted>> transfer(@PathParam("conversationKey") @Bounded String conversationKey,
            @HeaderParam(MyConversationsResource.IDEMPOTENCY_KEY) @Bounded String key,
            @Valid @NotNull SupervisorRequests.Transfer body) {
        return accepted(supervisors.transfer(caller.agentId(jwt), conversationKey, idempotencyKey(key), body));
    }

    @POST
    @Path("{conversationKey}/close")
    @Operation(summary = "Close anyone's conversation (waiting, offered or assigned), as a supervisor")
    public Uni<RestResponse<ActionAccepted>> close(@PathParam("conversationKey") @Bounded String conversationKey,
            @HeaderParam(MyConversationsResource.IDEMPOTENCY_KEY) @Bounded String key,
            @Valid @NotNull SupervisorRequests.Close body) {
        return accepted(supervisors.close(caller.agentId(jwt), conversationKey, idempotencyKey(key), body));
    }

    private static Uni<RestResponse<ActionAccepted>> accepted(Uni<ActionAccepted> action) {
        return action.map(answer -> RestResponse.status(RestResponse.Status.ACCEPTED, answer));
    }

    private static String idempotencyKey(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ApiException.badRequest("idempotency_key_required",
                    "send an Idempotency-Key header (1-200 characters) that stays the same when the request is retried");
        }
        return key;
    }
}
