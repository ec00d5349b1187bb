package io.switchboard.agent.api;

import jakarta.persistence.OptimisticLockException;

import org.hibernate.StaleStateException;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns {@link ApiException}s into their status with an {@link ApiError} body. */
public class ApiErrors {

    public static final String VERSION_CONFLICT = "version_conflict";

    @ServerExceptionMapper
    public RestResponse<ApiError> refuse(ApiException e) {
        return RestResponse.status(e.status(), new ApiError(e.code(), e.getMessage()));
    }

    /** Another replica or request changed the same row first: nothing was written, the client re-reads and retries. */
    @ServerExceptionMapper({ OptimisticLockException.class, StaleStateException.class })
    public RestResponse<ApiError> conflict(Exception e) {
        return RestResponse.status(RestResponse.Status.CONFLICT, new ApiError(VERSION_CONFLICT,
                "the record was changed concurrently by another request; read it again and retry"));
    }
}
