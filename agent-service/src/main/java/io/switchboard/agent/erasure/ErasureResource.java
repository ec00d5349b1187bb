package io.switchboard.agent.erasure;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.http.Bounded;

/** Customer erasure across the services (docs/privacy.md, Erasure), for administrators and integrations. */
@Path("/admin/erasures")
@Tag(name = "erasure")
@SecurityRequirement(name = "jwt")
public class ErasureResource {

    private final ErasureService erasures;
    private final JsonWebToken jwt;

    public ErasureResource(ErasureService erasures, JsonWebToken jwt) {
        this.erasures = erasures;
        this.jwt = jwt;
    }

    @POST
    @RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
    @Operation(summary = "Erase a customer everywhere: agent-service at once, the other services as they answer",
            description = "Every conversation whose key's user part is one of the identities (on the identity's"
                    + " channel, or any) is erased. The same identities while an erasure of them is pending answer"
                    + " that erasure; once it is done, asking again is a new erasure that finds nothing left.")
    @APIResponse(responseCode = "202", description = "Accepted; Location names the status",
            content = @Content(schema = @Schema(implementation = ErasureStatus.class)))
    public Uni<RestResponse<ErasureStatus>> request(@Valid @NotNull ErasureRequest body) {
        String requestedBy = jwt.getSubject() == null ? "unknown" : jwt.getSubject();
        return erasures.request(body, requestedBy).map(status -> RestResponse.ResponseBuilder
                .<ErasureStatus>create(RestResponse.Status.ACCEPTED)
                .location(URI.create("/admin/erasures/" + status.erasureId())).entity(status).build());
    }

    @GET
    @Path("{id}")
    @RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
    @Operation(summary = "An erasure's status, with each service's outcome (counts per store)")
    @APIResponse(responseCode = "200", description = "The erasure",
            content = @Content(schema = @Schema(implementation = ErasureStatus.class)))
    public Uni<ErasureStatus> status(@PathParam("id") @Bounded String id) {
        return Panache.withSession(() -> erasures.status(id)).map(status -> {
            if (status == null) {
                throw ApiException.notFound("no_such_erasure", "no erasure has this id");
            }
            return status;
        });
    }
}
