package io.switchboard.messaging.http;

import java.util.List;

/**
 * The body of every refusal of every HTTP API (docs/http-errors.md).
 *
 * @param error      a stable code a client can switch on ({@code malformed_json}, {@code input_out_of_bounds},
 *                   {@code not_found}, …)
 * @param message    what went wrong, for people
 * @param violations one entry per offending field, {@code "<field>: <what is wrong>"}; empty when there is none
 */
public record ErrorBody(String error, String message, List<String> violations) {

    public ErrorBody {
        violations = violations == null ? List.of() : List.copyOf(violations);
    }

    public static ErrorBody of(String error, String message) {
        return new ErrorBody(error, message, List.of());
    }
}
