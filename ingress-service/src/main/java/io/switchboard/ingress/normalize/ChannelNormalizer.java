package io.switchboard.ingress.normalize;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Turns one webhook body of a channel family into events. Pure: no I/O, no clock (times come from the body or the
 * context), so the same raw webhook always gives the same events with the same ids. Never throws for bad input:
 * what cannot be normalized is a {@link Rejection}.
 */
public interface ChannelNormalizer {

    Normalized normalize(JsonNode body, WebhookContext context);

    /**
     * The raw body as the tree {@link #normalize} reads: JSON for most channels; Twilio's form body becomes an
     * object of its parameters. A body it cannot read throws, and the whole webhook is dead-lettered.
     */
    default JsonNode read(byte[] body) throws IOException {
        return Json.MAPPER.readTree(body);
    }

    /** The parser of JSON bodies. */
    final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper();

        private Json() {
        }
    }
}
