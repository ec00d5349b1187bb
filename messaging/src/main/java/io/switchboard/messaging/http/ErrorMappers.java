package io.switchboard.messaging.http;

import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.switchboard.messaging.auth.AuthRefusals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Every refusal of every service's HTTP API as an {@link ErrorBody}: {@link ApiException}s with their status,
 * Bean Validation failures as 400 {@code validation_failed} with one violation per field, unreadable JSON as 400
 * {@code malformed_json}, security refusals as 401 {@code unauthorized} / 403 {@code forbidden}, JAX-RS's own refusals (404, 405, 415 …) with their status, and anything else as 500
 * {@code internal_error} with the cause logged, never shown.
 */
public class ErrorMappers {

    private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

    @ServerExceptionMapper
    public Response refused(ApiException e) {
        return json(e.status(), e.body());
    }

    /** {@code @RolesAllowed} and deny-unannotated refusals of a caller without a valid token. */
    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response unauthorized(SecurityException e) {
        return Response.status(401).entity(AuthRefusals.UNAUTHORIZED).type(MediaType.APPLICATION_JSON_TYPE)
                .header("WWW-Authenticate", "Bearer").build();
    }

    /** {@code @RolesAllowed} and deny-unannotated refusals of a valid token without the role. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return json(403, AuthRefusals.FORBIDDEN);
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        List<String> violations = e.getConstraintViolations().stream().map(ErrorMappers::describe).sorted().toList();
        if (e.getConstraintViolations().stream().anyMatch(ErrorMappers::onReturnValue)) {
            LOG.errorf("a response broke its own constraints: %s", violations);
            return internal();
        }
        return json(400, new ErrorBody("validation_failed", "the request breaks " + violations.size() + " rule(s)",
                violations));
    }

    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class,
            ValueInstantiationException.class })
    public Response malformed(JsonProcessingException e) {
        return json(400, ErrorBody.of("malformed_json",
                "the body is not the JSON this operation takes: " + e.getOriginalMessage()));
    }

    /** JAX-RS's own refusals; the JSON reader reports an unreadable body as a 400 caused by Jackson. */
    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        Response response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        if (e.getCause() instanceof JsonProcessingException jackson) {
            return malformed(jackson);
        }
        Response.StatusType status = response.getStatusInfo();
        String code = status.getReasonPhrase().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return Response.fromResponse(response).entity(ErrorBody.of(code, status.getReasonPhrase()))
                .type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    @ServerExceptionMapper
    public Response unexpected(Exception e) {
        LOG.error("request failed unexpectedly", e);
        return internal();
    }

    private static Response internal() {
        return json(500, ErrorBody.of("internal_error", "the request failed on our side; it is logged"));
    }

    /** Always JSON, whatever the operation produces on success. */
    private static Response json(int status, ErrorBody body) {
        return Response.status(status).entity(body).type(MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code "body.text: must be at most 4096 characters"}: the path without the method and parameter names. */
    private static String describe(ConstraintViolation<?> violation) {
        StringBuilder field = new StringBuilder();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD) {
                continue;
            }
            if (!field.isEmpty()) {
                field.append('.');
            }
            field.append(node.getName());
        }
        return field + ": " + violation.getMessage();
    }

    private static boolean onReturnValue(ConstraintViolation<?> violation) {
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }
}
