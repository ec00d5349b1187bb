package io.switchboard.ingress.replay;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.http.Bounded;
import io.switchboard.messaging.http.ErrorBody;

/** Re-normalizing the raw archive after a fix (ingress-service README, "Replay"), for administrators. */
@Path("/admin/replays")
@Tag(name = "replay")
@SecurityRequirement(name = "jwt")
public class ReplayResource {

    private final Replays replays;

    public ReplayResource(Replays replays) {
        this.replays = replays;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Normalize a time range of the raw webhooks again, and the dead-lettered ones",
            description = "Runs in the background; the status counts what it read, republished, skipped as already"
                    + " published and what still fails. Events already published are not published again, so a"
                    + " replay may be run twice. The range must lie within the dedupe horizon and span at most"
                    + " switchboard.ingress.replay.max-span.")
    @APIResponse(responseCode = "202", description = "Started; Location names its status",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ReplayStatus.class)))
    @APIResponse(responseCode = "400", description = "A range that cannot be replayed (reversed, too long, beyond"
            + " the dedupe horizon) or an unknown channel", content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    @APIResponse(responseCode = "409", description = "Another replay is running (replay_running)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = ErrorBody.class)))
    public Response start(@Valid @NotNull ReplayRequest body) {
        ReplayStatus status = replays.start(body);
        return Response.accepted(status).location(URI.create("/admin/replays/" + status.replayId())).build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "A replay's status and counts")
    @APIResponse(responseCode = "200", description = "The replay", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ReplayStatus.class)))
    @APIResponse(responseCode = "404", description = "No replay of this id on this replica", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErrorBody.class)))
    public ReplayStatus status(@PathParam("id") @Bounded String id) {
        return replays.status(id).orElseThrow(() -> ApiException.notFound("no_such_replay",
                "no replay has this id on this replica"));
    }
}
