package io.switchboard.outbound.channel.telegram;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code POST {base}/bot{token}/{method}}: the Bot API authenticates by the token in the path (there is no header).
 * The body is a ready JSON string, so what is sent is exactly what was built.
 */
@Path("/")
public interface TelegramApi {

    @POST
    @Path("bot{token}/{method}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response call(@PathParam("token") String token, @PathParam("method") String method, String body);
}
