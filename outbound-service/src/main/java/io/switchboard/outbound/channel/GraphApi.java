package io.switchboard.outbound.channel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The Graph API send endpoint shared by WhatsApp ({@code /{phone-number-id}/messages}), Messenger and Instagram
 * ({@code /{page-or-ig-id}/messages}). The body is a ready JSON string, so what is sent is exactly what was built.
 */
@Path("/")
public interface GraphApi {

    @POST
    @Path("{version}/{node}/messages")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response messages(@PathParam("version") String version, @PathParam("node") String node,
            @HeaderParam("Authorization") String authorization, String body);

    /**
     * Meta's handover protocol on a Page or Instagram account: {@code edge} is {@code take_thread_control} or
     * {@code pass_thread_control} (docs/channels.md §3.8).
     */
    @POST
    @Path("{version}/{node}/{edge}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response threadControl(@PathParam("version") String version, @PathParam("node") String node,
            @PathParam("edge") String edge, @HeaderParam("Authorization") String authorization, String body);
}
