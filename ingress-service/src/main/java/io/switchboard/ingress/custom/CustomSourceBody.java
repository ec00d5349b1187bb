package io.switchboard.ingress.custom;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.ingress.webhook.BodyLimitFilter;

/**
 * Reads a custom source body strictly (docs/custom-source.md §2.4): one JSON value and nothing after it, no key twice
 * in an object (which value would count is up to each parser), and at most {@link #MAX_DEPTH} levels of nesting, so
 * a deep body is a 400 rather than a stack overflow in a later walk over it.
 */
final class CustomSourceBody {

    /** The largest body, in bytes (1 MiB); the raw topic takes records up to 4 MiB, so the record always fits. */
    static final int MAX_BYTES = (int) BodyLimitFilter.MAX_BYTES;

    /** Objects and arrays inside each other; the deepest the schema allows is 6 (a batch's event's media item). */
    static final int MAX_DEPTH = 16;

    private static final ObjectMapper STRICT = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** Why a body is not one well-formed JSON value. */
    static final class Malformed extends Exception {
        private static final long serialVersionUID = 1L;

        Malformed(String message) {
            super(message, null, false, false);
        }
    }

    private CustomSourceBody() {
    }

    static JsonNode read(byte[] body) throws Malformed {
        JsonNode tree;
        try {
            tree = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new Malformed("malformed JSON: " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        } catch (IOException e) {
            throw new Malformed("unreadable body: " + e.getMessage());
        }
        if (tree == null || tree.isMissingNode()) {
            throw new Malformed("malformed JSON: empty body");
        }
        return tree;
    }
}
