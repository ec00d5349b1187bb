package io.switchboard.agent.api;

import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns {@link ApiException}s into their status with an {@link ApiError} body. */
public class ApiErrors {

    @ServerExceptionMapper
    public RestResponse<ApiError> refuse(ApiException e) {
        return RestResponse.status(e.status(), new ApiError(e.code(), e.getMessage()));
    }
}
