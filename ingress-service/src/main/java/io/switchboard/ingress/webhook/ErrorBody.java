package io.switchboard.ingress.webhook;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The body of every refusal: what was wrong, and for schema violations each one. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ErrorBody(String error, List<String> violations) {

    public static ErrorBody of(String error) {
        return new ErrorBody(error, List.of());
    }
}
