package io.switchboard.agent.supervisor;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.Caller;
import io.switchboard.messaging.http.Bounded;

/** The supervisors' wallboard reads (docs/agent-api.md "Supervisors"). */
@Path("/supervisor")
@Tag(name = "supervisor")
@SecurityRequirement(name = "jwt")
@RolesAllowed({ Caller.SUPERVISOR, Caller.ADMIN })
public class SupervisorResource {

    static final int MAX_PAGE = 200;

    private final SupervisorService supervisor;

    public SupervisorResource(SupervisorService supervisor) {
        this.supervisor = supervisor;
    }

    @GET
    @Path("queues")
    @Operation(summary = "Every queue's figures: waiting per channel, oldest wait, service level, agents who can "
            + "serve it now, conversations held (routing's latest, at most 500 ms old while they change)")
    public Uni<List<SupervisorQueue>> queues() {
        return supervisor.queues();
    }

    @GET
    @Path("agents")
    @Operation(summary = "Active agents by id with presence, load per channel and open conversations; a page of at "
            + "most limit (1-200, default 50), the next after nextCursor")
    @APIResponse(responseCode = "200", description = "A page of agents", content = @Content(
            examples = @ExampleObject(name = "page", value = """
                    {"items": [{"id": "ana", "displayName": "Ana", "presence": "available",
                      "presenceSince": "2026-11-25T17:00:00Z", "load": {"whatsapp": {"active": 1, "capacity": 3}},
                      "conversations": [{"conversationKey": "wa:106540352242922:16505551234",
                        "conversationId": "c-1", "channel": "whatsapp", "queueId": "billing",
                        "since": "2026-11-25T17:40:00Z"}]}],
                     "nextCursor": "ana"}""")))
    public Uni<SupervisorPage<SupervisorAgent>> agents(@QueryParam("cursor") @Bounded String cursor,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(MAX_PAGE) int limit) {
        return supervisor.agents(cursor == null || cursor.isBlank() ? null : cursor, limit)
                .map(agents -> new SupervisorPage<>(agents,
                        agents.size() < limit ? null : agents.get(agents.size() - 1).id()));
    }
}
