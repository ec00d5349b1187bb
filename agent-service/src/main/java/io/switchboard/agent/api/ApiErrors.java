package io.switchboard.agent.api;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.switchboard.messaging.http.ErrorBody;

/**
 * agent-service's one refusal beyond messaging's {@code ErrorMappers} (which answer {@code ApiException}, invalid
 * and malformed bodies and the rest with an {@link ErrorBody}): a lost optimistic lock is a 409.
 */
public class ApiErrors {

    public static final String VERSION_CONFLICT = "version_conflict";

    /** Another replica or request changed the same row first: nothing was written, the client re-reads and retries. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public RestResponse<ErrorBody> conflict(Exception e) {
        return RestResponse.status(RestResponse.Status.CONFLICT, ErrorBody.of(VERSION_CONFLICT,
                "the record was changed concurrently by another request; read it again and retry"));
    }
}
