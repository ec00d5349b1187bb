package io.switchboard.messaging.auth;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.messaging.http.ErrorBody;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The two refusals of the security layer in the one error body: 401 {@code unauthorized} (no valid token) and 403
 * {@code forbidden} (a valid token without the role). JAX-RS's own security checks are mapped by
 * {@link io.switchboard.messaging.http.ErrorMappers}; the HTTP permission policies fail the route instead, and this
 * failure handler answers those.
 */
@ApplicationScoped
public class AuthRefusals {

    public static final ErrorBody UNAUTHORIZED = ErrorBody.of("unauthorized",
            "this operation needs a valid bearer token");
    public static final ErrorBody FORBIDDEN = ErrorBody.of("forbidden",
            "the token's roles do not allow this operation");

    void failures(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(AuthRefusals::refuse);
    }

    private static void refuse(RoutingContext context) {
        Throwable failure = context.failure();
        if (context.response().ended() || failure == null) {
            context.next();
        } else if (failure instanceof ForbiddenException) {
            forbidden(context);
        } else if (failure instanceof UnauthorizedException || failure instanceof AuthenticationException) {
            unauthorized(context);
        } else {
            context.next();
        }
    }

    static void unauthorized(RoutingContext context) {
        if (!context.response().headers().contains("WWW-Authenticate")) {
            context.response().putHeader("WWW-Authenticate", "Bearer");
        }
        end(context, 401, UNAUTHORIZED);
    }

    static void forbidden(RoutingContext context) {
        end(context, 403, FORBIDDEN);
    }

    private static void end(RoutingContext context, int status, ErrorBody body) {
        context.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                .end(Json.encode(body));
    }
}
