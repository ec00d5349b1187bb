package io.switchboard.outbound.channel;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** A custom source's callback URL (docs/custom-source.md §7); the base URI is the callback URL itself. */
public interface CustomSourceApi {

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response deliver(@HeaderParam("X-Timestamp") String timestamp, @HeaderParam("X-Signature-256") String signature,
            @HeaderParam("Idempotency-Key") String idempotencyKey, String body);
}
