package io.switchboard.ingress.custom;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.jboss.logging.Logger;

import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.normalize.RequestLedger;

/**
 * Which (source, {@code Idempotency-Key}) requests were accepted, with which body: a repeat is answered as the first
 * time without storing anything, another body under the key is refused. Two memories: this replica's recent and
 * in-flight requests (bounded by count and {@code replay-memory}), then the normalization's {@link RequestLedger}
 * store (bounded by {@code idempotency-horizon}, rebuilt from its changelog after a restart), read locally. A key
 * whose ledger partition another replica holds is not found here: its repeat is stored again and the normalization
 * drops it (and dead-letters another body), so nothing is published twice either way.
 */
@ApplicationScoped
public class CustomReplays {

    private static final Logger LOG = Logger.getLogger(CustomReplays.class);

    /** What to do with a request. */
    public enum Kind {
        /** Not seen: go on, then {@link #accepted} or {@link #release}. */
        FRESH,
        /** Accepted before with the same body: answer as then ({@link Claim#accepted()} events). */
        REPEAT,
        /** Accepted before with another body. */
        CONFLICT,
        /** The same key is being handled right now. */
        IN_FLIGHT
    }

    /** The decision about one request. */
    public record Claim(Kind kind, String key, int accepted) {
    }

    private record Remembered(String digest, int accepted, long at) {
        boolean inFlight() {
            return accepted < 0;
        }
    }

    private final Instance<KafkaStreams> streams;
    private final Duration memory;
    private final Duration horizon;
    private final Map<String, Remembered> recent;

    public CustomReplays(Instance<KafkaStreams> streams, IngressConfig config) {
        this.streams = streams;
        this.memory = config.custom().replayMemory();
        this.horizon = config.custom().idempotencyHorizon();
        int max = config.custom().replayMemoryEntries();
        this.recent = new LinkedHashMap<>(1024, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Remembered> eldest) {
                return size() > max;
            }
        };
    }

    public Claim claim(String sourceId, String idempotencyKey, String digest) {
        String key = RequestLedger.key(sourceId, idempotencyKey);
        Claim known = fromMemory(key, digest);
        if (known != null) {
            return known;
        }
        Optional<RequestLedger.Entry> stored = fromLedger(key);
        synchronized (recent) {
            Claim raced = fromMemory(key, digest);
            if (raced != null) {
                return raced;
            }
            if (stored.isPresent()) {
                if (!stored.get().digest().equals(digest)) {
                    return new Claim(Kind.CONFLICT, key, 0);
                }
                recent.put(key, new Remembered(digest, stored.get().accepted(), System.nanoTime()));
                return new Claim(Kind.REPEAT, key, stored.get().accepted());
            }
            recent.put(key, new Remembered(digest, -1, System.nanoTime()));
            return new Claim(Kind.FRESH, key, 0);
        }
    }

    /** The request was stored with {@code count} events: remember its answer. */
    public void accepted(Claim claim, int count) {
        synchronized (recent) {
            Remembered flying = recent.get(claim.key());
            if (flying != null) {
                recent.put(claim.key(), new Remembered(flying.digest(), count, System.nanoTime()));
            }
        }
    }

    /** The request was not stored (refused, or Kafka did not acknowledge): a retry is a new request. */
    public void release(Claim claim) {
        synchronized (recent) {
            Remembered flying = recent.get(claim.key());
            if (flying != null && flying.inFlight()) {
                recent.remove(claim.key());
            }
        }
    }

    private Claim fromMemory(String key, String digest) {
        synchronized (recent) {
            Remembered seen = recent.get(key);
            if (seen == null) {
                return null;
            }
            if (!seen.inFlight() && System.nanoTime() - seen.at() > memory.toNanos()) {
                recent.remove(key);
                return null;
            }
            if (!seen.digest().equals(digest)) {
                return new Claim(Kind.CONFLICT, key, 0);
            }
            return new Claim(seen.inFlight() ? Kind.IN_FLIGHT : Kind.REPEAT, key, seen.accepted());
        }
    }

    /** The normalization's ledger on this replica; empty while it is not running or holds another partition. */
    private Optional<RequestLedger.Entry> fromLedger(String key) {
        try {
            KafkaStreams running = streams.get();
            if (running.state() != KafkaStreams.State.RUNNING) {
                return Optional.empty();
            }
            ReadOnlyWindowStore<String, String> store = running.store(StoreQueryParameters.fromNameAndType(
                    RequestLedger.STORE, QueryableStoreTypes.<String, String>windowStore()));
            return RequestLedger.find(store, key, Instant.now(), horizon);
        } catch (RuntimeException e) {
            LOG.debugf("request ledger not readable now: %s", e.toString());
            return Optional.empty();
        }
    }
}
