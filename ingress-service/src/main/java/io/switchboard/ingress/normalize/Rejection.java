package io.switchboard.ingress.normalize;

/**
 * A part of a webhook that could not be normalized; it goes to the dead-letter topic.
 *
 * @param reason   what was wrong, for the person who reads the dead letter
 * @param fragment the offending JSON (one message, one status, or the whole body)
 */
public record Rejection(String reason, String fragment) {
}
