package io.switchboard.ingress.normalize;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * The custom source requests accepted within the idempotency horizon: (source, {@code Idempotency-Key}) → the raw
 * webhook's digest and how many events it held. Written by the normalization as it reads the raw topic, in a window
 * store backed by a changelog like {@link DedupeProcessor}'s, so it survives restarts and drops old segments by
 * itself; read by the HTTP side (interactive query) to answer a repeat as the first time, and here to drop a repeat
 * that was stored anyway (another replica, a lost answer) and dead-letter another body under a used key.
 */
public final class RequestLedger {

    public static final String STORE = "custom-requests";

    /** What was accepted under a key. */
    public record Entry(String digest, int accepted) {

        String encoded() {
            return digest + " " + accepted;
        }

        static Entry decode(String value) {
            int space = value.indexOf(' ');
            return new Entry(value.substring(0, space), Integer.parseInt(value.substring(space + 1)));
        }
    }

    private RequestLedger() {
    }

    /** The store key; a space cannot occur in an {@code Idempotency-Key} (visible ASCII only). */
    public static String key(String sourceId, String idempotencyKey) {
        return sourceId + " " + idempotencyKey;
    }

    /** The first entry for the key within the horizon around {@code at}, if any. */
    public static Optional<Entry> find(ReadOnlyWindowStore<String, String> store, String key, Instant at,
            Duration horizon) {
        try (WindowStoreIterator<String> entries = store.fetch(key, at.minus(horizon), at.plus(horizon))) {
            return entries.hasNext() ? Optional.of(Entry.decode(entries.next().value)) : Optional.empty();
        }
    }
}
