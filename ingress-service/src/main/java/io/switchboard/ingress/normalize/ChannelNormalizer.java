package io.switchboard.ingress.normalize;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Turns one webhook body of a channel family into events. Pure: no I/O, no clock (times come from the body or the
 * context), so the same raw webhook always gives the same events with the same ids. Never throws for bad input:
 * what cannot be normalized is a {@link Rejection}.
 */
public interface ChannelNormalizer {

    Normalized normalize(JsonNode body, WebhookContext context);
}
