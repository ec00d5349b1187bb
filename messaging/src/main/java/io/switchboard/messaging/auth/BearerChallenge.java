package io.switchboard.messaging.auth;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.smallrye.jwt.runtime.auth.JWTAuthMechanism;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * smallrye-jwt's bearer mechanism with one change: its 401 challenge (no token, or a token that is no token) carries
 * the {@link io.switchboard.messaging.http.ErrorBody} {@code unauthorized} next to {@code WWW-Authenticate}. The
 * challenge is written by the security layer before any JAX-RS mapper could see it, so it is changed here (the
 * customization Quarkus documents: an alternative mechanism delegating to {@link JWTAuthMechanism}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class BearerChallenge implements HttpAuthenticationMechanism {

    private final JWTAuthMechanism jwt;

    public BearerChallenge(JWTAuthMechanism jwt) {
        this.jwt = jwt;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identities) {
        return jwt.authenticate(context, identities);
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return jwt.getChallenge(context);
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return jwt.getChallenge(context).map(challenge -> {
            if (!context.response().ended()) {
                challenge.getHeaders().forEach((name, value) -> context.response().headers().set(name, value));
                AuthRefusals.unauthorized(context);
            }
            return true;
        });
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return jwt.getCredentialTypes();
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return jwt.getCredentialTransport(context);
    }

    @Override
    public int getPriority() {
        return jwt.getPriority();
    }
}
