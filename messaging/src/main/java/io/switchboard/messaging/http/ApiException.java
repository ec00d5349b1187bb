package io.switchboard.messaging.http;

import java.util.List;

/** A refusal the client can act on: answered with its status and an {@link ErrorBody}, never a 500. */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<String> violations;

    public ApiException(int status, String code, String message, List<String> violations) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.violations = List.copyOf(violations);
    }

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of());
    }

    public static ApiException badRequest(String code, String message) {
        return new ApiException(400, code, message);
    }

    public static ApiException notFound(String code, String message) {
        return new ApiException(404, code, message);
    }

    public static ApiException forbidden(String code, String message) {
        return new ApiException(403, code, message);
    }

    public static ApiException conflict(String code, String message) {
        return new ApiException(409, code, message);
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<String> violations() {
        return violations;
    }

    public ErrorBody body() {
        return new ErrorBody(code, getMessage(), violations);
    }
}
