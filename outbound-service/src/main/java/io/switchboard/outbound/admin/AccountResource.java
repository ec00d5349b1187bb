package io.switchboard.outbound.admin;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.http.ErrorBody;
import io.switchboard.outbound.account.AccountPauses;
import io.switchboard.outbound.config.OutboundConfig;

/** Resumes a channel account paused after an error that blocked the whole account (a token, a permission). */
@Path("/admin/accounts/{accountId}/resume")
@Tag(name = "Channel accounts")
@RolesAllowed({ Roles.ADMIN, Roles.INTEGRATION })
public class AccountResource {

    /** The answer: whether the account was paused until now. */
    @Schema(name = "AccountResumed")
    record Resumed(String accountId, boolean wasPaused) {
    }

    private final OutboundConfig config;
    private final AccountPauses pauses;

    public AccountResource(OutboundConfig config, AccountPauses pauses) {
        this.config = config;
        this.pauses = pauses;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Resume sending from a paused channel account, once its token or permission is fixed",
            description = "Its waiting commands go out in order; if the channel refuses the account again, it is "
                    + "paused again after one failure.")
    @APIResponse(responseCode = "200", description = "Sending resumed (or was not paused)",
            content = @Content(schema = @Schema(implementation = Resumed.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token has neither role admin nor integration")
    @APIResponse(responseCode = "404", description = "Not a configured channel account",
            content = @Content(schema = @Schema(implementation = ErrorBody.class)))
    public Response resume(@PathParam("accountId") String accountId) {
        if (!config.accounts().containsKey(accountId)) {
            throw ApiException.notFound("unknown_account", "account " + accountId + " is not configured");
        }
        return Response.ok(new Resumed(accountId, pauses.resume(accountId))).type(MediaType.APPLICATION_JSON).build();
    }
}
