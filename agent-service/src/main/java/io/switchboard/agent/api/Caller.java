package io.switchboard.agent.api;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.switchboard.messaging.http.ApiException;

/** Who is calling, from the bearer token: the agent id is the {@code agent_id} claim, else the subject. */
public final class Caller {

    public static final String AGENT = "agent";
    public static final String SUPERVISOR = "supervisor";
    public static final String ADMIN = "admin";
    public static final String AGENT_ID_CLAIM = "agent_id";

    private Caller() {
    }

    public static String agentId(JsonWebToken jwt) {
        String claimed = jwt.getClaim(AGENT_ID_CLAIM);
        String id = claimed != null && !claimed.isBlank() ? claimed : jwt.getSubject();
        if (id == null || id.isBlank()) {
            throw ApiException.forbidden("no_agent_id", "the token names no agent (no agent_id claim, no subject)");
        }
        return id;
    }

    public static boolean supervises(JsonWebToken jwt) {
        return jwt.getGroups().contains(SUPERVISOR) || jwt.getGroups().contains(ADMIN);
    }
}
