package io.switchboard.agent.api;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.switchboard.agent.config.AgentConfig;
import io.switchboard.messaging.auth.Roles;
import io.switchboard.messaging.http.ApiException;

/**
 * Who is calling, from the bearer token: the agent id is the token's subject, or the claim the deployment names in
 * {@code switchboard.agent.auth.agent-id-claim} (off by default: a claim any token can carry must not let it speak
 * for another agent unless the identity provider is known to set it).
 */
@ApplicationScoped
public class Caller {

    public static final String AGENT = Roles.AGENT;
    public static final String SUPERVISOR = Roles.SUPERVISOR;
    public static final String ADMIN = Roles.ADMIN;

    private final AgentConfig config;

    public Caller(AgentConfig config) {
        this.config = config;
    }

    public String agentId(JsonWebToken jwt) {
        String id = config.auth().agentIdClaim().map(claim -> jwt.<Object>getClaim(claim))
                .map(Object::toString).filter(claimed -> !claimed.isBlank()).orElse(jwt.getSubject());
        if (id == null || id.isBlank()) {
            throw ApiException.forbidden("no_agent_id", "the token names no agent (no subject, no agent id claim)");
        }
        return id;
    }

    public static boolean supervises(JsonWebToken jwt) {
        return jwt.getGroups().contains(SUPERVISOR) || jwt.getGroups().contains(ADMIN);
    }
}
