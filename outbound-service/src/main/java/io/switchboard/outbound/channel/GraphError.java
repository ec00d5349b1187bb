package io.switchboard.outbound.channel;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.CloudEventCodec;

/**
 * The Graph API error envelope (docs/channels.md §1.4):
 * {@code {"error":{"message","type","code","error_subcode","error_data":{"details"},"fbtrace_id"}}}.
 */
public record GraphError(Integer code, Integer subcode, String message, String details) {

    /** The error of an answer body, or one without code when the body is not the envelope (a proxy's error page). */
    public static GraphError parse(String body) {
        try {
            JsonNode error = CloudEventCodec.JSON.readTree(body == null ? "" : body).path("error");
            if (error.isObject()) {
                return new GraphError(error.path("code").canConvertToInt() ? error.path("code").asInt() : null,
                        error.path("error_subcode").canConvertToInt() ? error.path("error_subcode").asInt() : null,
                        text(error.path("message")), text(error.path("error_data").path("details")));
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Not JSON: fall through.
        }
        return new GraphError(null, null, null, null);
    }

    /** What the channel said, for a person: the details when given, else the message. */
    public String said() {
        return details != null ? details : message;
    }

    private static String text(JsonNode node) {
        return node.isTextual() && !node.asText().isBlank() ? node.asText() : null;
    }
}
