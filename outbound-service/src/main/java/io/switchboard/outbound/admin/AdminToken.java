package io.switchboard.outbound.admin;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.outbound.config.OutboundConfig;

/** The admin endpoints' shared {@code X-Admin-Token} check. */
@ApplicationScoped
class AdminToken {

    static final String HEADER = "X-Admin-Token";

    /** The error code of a refusal for the token (docs/http-errors.md). */
    static final String CODE = "unauthorized";

    private final OutboundConfig config;

    AdminToken(OutboundConfig config) {
        this.config = config;
    }

    /** Null when the token is right, else why it is refused. */
    String refusal(String token) {
        if (config.adminToken().isEmpty()) {
            return "the admin API is disabled: switchboard.outbound.admin-token is not configured";
        }
        // Constant time: the comparison must not tell how much of a guess was right.
        if (token == null || !MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                config.adminToken().get().getBytes(StandardCharsets.UTF_8))) {
            return "missing or wrong " + HEADER + " header";
        }
        return null;
    }
}
