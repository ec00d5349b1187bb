package io.switchboard.routing.api;

import java.util.List;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.core.JsonProcessingException;

import io.smallrye.common.annotation.Blocking;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.routing.queue.InvalidQueue;
import io.switchboard.routing.queue.QueueCatalog;
import io.switchboard.routing.queue.QueueDefinition;
import io.switchboard.routing.queue.QueueVersion;

/**
 * Queues at run time: every accepted change is stored as the queue's next version and used for conversations that
 * arrive from then on (those already waiting keep the version that routed them). Refusals are the messaging core's
 * {@code ErrorBody}: 400 {@code invalid_queue} with the reason (and one violation per broken bound, README.md "Queue
 * bounds"), 400 {@code malformed_json} for a body that is not a
 * queue definition, 404 {@code unknown_queue}, 409 {@code queue_exists}.
 */
@Path("/routing/queues")
@RolesAllowed(Roles.ADMIN)
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class QueueResource {

    /** The bounds of queue.QueueBounds, for the OpenAPI document (README.md, "Queue bounds"). */
    static final String BOUNDS = "Bounds (400 invalid_queue lists every violation): match at most 4096 characters;"
            + " priority -1000 to 1000; requiredSkills at most 20, names at most 100, levels 1-5; offerTimeout PT5S"
            + " to PT1H; escalation at most 10 steps, after PT1S to P7D, overflowTo an existing other queue;"
            + " businessHours.timeZone an IANA id of at most 64, weekly 1 to 50 ranges, outOfHoursReply at most 4096"
            + " characters. No NUL in any string.";

    private final QueueCatalog catalog;

    public QueueResource(QueueCatalog catalog) {
        this.catalog = catalog;
    }

    /** A stored version of a queue. */
    public record QueueView(String id, long version, QueueDefinition definition) {

        static QueueView of(QueueVersion queue) {
            return new QueueView(queue.id(), queue.version(), queue.definition());
        }
    }

    @GET
    @Operation(summary = "The latest version of every queue, in matching order (priority, then id)")
    public List<QueueView> list() {
        return catalog.latest().stream().map(QueueView::of).toList();
    }

    @GET
    @Path("{id}")
    @Operation(summary = "The latest version of one queue")
    public QueueView get(@PathParam("id") String id) {
        List<QueueVersion> versions = catalog.history(id);
        if (versions.isEmpty()) {
            throw ApiException.notFound("unknown_queue", "no queue " + id);
        }
        return QueueView.of(versions.get(versions.size() - 1));
    }

    @GET
    @Path("{id}/versions")
    @Operation(summary = "Every version of one queue, oldest first")
    public List<QueueView> versions(@PathParam("id") String id) {
        return catalog.history(id).stream().map(QueueView::of).toList();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Creates a queue (version 1); 409 when it exists", description = BOUNDS)
    public Response create(String body) throws JsonProcessingException {
        QueueDefinition definition = parse(body);
        if (definition.id() != null && !catalog.history(definition.id()).isEmpty()) {
            throw ApiException.conflict("queue_exists", "queue " + definition.id() + " exists; PUT /routing/queues/"
                    + definition.id() + " to change it");
        }
        return Response.status(Response.Status.CREATED).entity(QueueView.of(save(definition))).build();
    }

    @PUT
    @Path("{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Stores a queue's next version (or its first); an unchanged definition keeps the version",
            description = BOUNDS)
    public QueueView update(@PathParam("id") String id, String body) throws JsonProcessingException {
        QueueDefinition definition = parse(body);
        if (definition.id() != null && !definition.id().equals(id)) {
            throw invalid("id " + definition.id() + " in the body differs from " + id + " in the path");
        }
        return QueueView.of(save(definition.withId(id)));
    }

    private QueueVersion save(QueueDefinition definition) {
        try {
            return catalog.save(definition, "api", Set.of());
        } catch (InvalidQueue e) {
            throw new ApiException(400, "invalid_queue", e.getMessage(), e.violations());
        }
    }

    private static QueueDefinition parse(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw invalid("a queue definition is required");
        }
        return QueueCatalog.JSON.readValue(body, QueueDefinition.class);
    }

    // An unreadable body (JsonProcessingException) is the core's 400 malformed_json.
    private static ApiException invalid(String reason) {
        return ApiException.badRequest("invalid_queue", reason);
    }
}
