package io.switchboard.events;

/** Where the raw webhook an event was normalized from is kept, so normalization can be re-run after a fix. */
public record RawRef(String topic, int partition, long offset) {
}
