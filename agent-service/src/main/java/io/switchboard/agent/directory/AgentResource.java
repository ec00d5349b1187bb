package io.switchboard.agent.directory;

import java.net.URI;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;

import io.switchboard.messaging.http.Bounded;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.agent.api.Caller;

/** The agent directory, managed by supervisors and admins. */
@Path("/agents")
@Tag(name = "directory")
@SecurityRequirement(name = "jwt")
public class AgentResource {

    private final DirectoryService directory;
    private final JsonWebToken jwt;
    private final Caller caller;

    public AgentResource(DirectoryService directory, JsonWebToken jwt, Caller caller) {
        this.directory = directory;
        this.jwt = jwt;
        this.caller = caller;
    }

    @POST
    @RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
    @Operation(summary = "Add an agent (offline until they set their presence)")
    public Uni<RestResponse<AgentView>> create(@Valid @NotNull AgentProfile profile) {
        return directory.create(profile)
                .map(view -> RestResponse.ResponseBuilder.<AgentView>created(URI.create("/agents/" + view.id())).entity(view).build());
    }

    @GET
    @RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
    @Operation(summary = "List agents (removed ones with includeRemoved=true)")
    public Uni<List<AgentView>> list(@QueryParam("includeRemoved") @DefaultValue("false") boolean includeRemoved) {
        return directory.list(includeRemoved);
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Caller.AGENT, Caller.SUPERVISOR, Caller.ADMIN })
    @Operation(summary = "One agent; an agent may read only themself")
    public Uni<AgentView> get(@PathParam("id") @Bounded String id) {
        if (!Caller.supervises(jwt) && !caller.agentId(jwt).equals(id)) {
            throw ApiException.forbidden("not_yours", "agents may read only their own profile");
        }
        return directory.get(id);
    }

    @PUT
    @Path("{id}")
    @RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
    @Operation(summary = "Replace an agent's profile, skills and capacity; If-Match: the version last read, "
            + "else 409 version_conflict")
    public Uni<AgentView> update(@PathParam("id") @Bounded String id,
            @HeaderParam("If-Match") @Bounded(max = 64) String ifMatch,
            @Valid @NotNull AgentProfile profile) {
        return directory.update(id, profile, version(ifMatch));
    }

    /** If-Match carries the agent's {@code version}: {@code 3}, {@code "3"} or {@code W/"3"}. */
    private static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String value = ifMatch.strip().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("bad_if_match", "If-Match must be the agent's version, such as \"3\"");
        }
    }

    @DELETE
    @Path("{id}")
    @RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
    @Operation(summary = "Remove an agent: published as active=false")
    public Uni<RestResponse<Void>> remove(@PathParam("id") @Bounded String id) {
        return directory.remove(id).map(ignored -> RestResponse.noContent());
    }
}
