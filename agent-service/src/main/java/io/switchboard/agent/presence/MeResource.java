package io.switchboard.agent.presence;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.api.Caller;
import io.switchboard.agent.directory.DirectoryService;
import io.switchboard.agent.directory.AgentView;

/** The calling agent's own profile and presence. */
@Path("/me")
@Tag(name = "presence")
@SecurityRequirement(name = "jwt")
@RolesAllowed(Caller.AGENT)
public class MeResource {

    private final PresenceService presence;
    private final DirectoryService directory;
    private final JsonWebToken jwt;
    private final Caller caller;

    public MeResource(PresenceService presence, DirectoryService directory, JsonWebToken jwt, Caller caller) {
        this.presence = presence;
        this.directory = directory;
        this.jwt = jwt;
        this.caller = caller;
    }

    @GET
    @Operation(summary = "The calling agent")
    public Uni<AgentView> me() {
        return directory.get(caller.agentId(jwt));
    }

    @PUT
    @Path("presence")
    @Operation(summary = "Set presence: available, away (with a reason) or offline")
    public Uni<AgentView> setPresence(@Valid @NotNull PresenceRequest request) {
        return presence.set(caller.agentId(jwt), request);
    }

    @POST
    @Path("heartbeat")
    @Operation(summary = "The front end's live connection is up; without one within the grace period the agent goes offline")
    public Uni<RestResponse<Void>> heartbeat() {
        String agentId = caller.agentId(jwt);
        return presence.heartbeat(agentId, Instant.now()).map(known -> {
            if (!known) {
                throw ApiException.notFound("unknown_agent", "no active agent with id " + agentId);
            }
            return RestResponse.<Void>noContent();
        });
    }
}
