package io.switchboard.routing.api;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;

import io.switchboard.events.Channel;
import io.switchboard.events.RoutingExplanation;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ApiException;
import io.switchboard.routing.conversation.DryRun;

/** What routing would decide for a conversation now, with the full explanation; reserves and sends nothing. */
@Path("/routing/dry-run")
@RolesAllowed({ Roles.ADMIN, Roles.SUPERVISOR })
public class DryRunResource {

    private final DryRun dryRun;

    public DryRunResource(DryRun dryRun) {
        this.dryRun = dryRun;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The agent routing would pick now for a conversation key, and why (nothing is reserved)")
    public RoutingExplanation dryRun(@QueryParam("conversationKey") String conversationKey) {
        return dryRun.explain(conversationKey, channelOf(conversationKey));
    }

    // The key's prefix names the channel (ADR 0003): wa:, fb:, ig:, custom:, tg:.
    static Channel channelOf(String conversationKey) {
        if (conversationKey == null || conversationKey.indexOf(':') < 1) {
            throw ApiException.badRequest("invalid_conversation_key",
                    "conversationKey must look like wa:{account}:{user}");
        }
        String prefix = conversationKey.substring(0, conversationKey.indexOf(':'));
        for (Channel channel : Channel.values()) {
            if (channel.prefix().equals(prefix)) {
                return channel;
            }
        }
        throw ApiException.badRequest("invalid_conversation_key", "unknown channel prefix " + prefix);
    }
}
