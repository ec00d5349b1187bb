package io.switchboard.ingress.replay;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import io.switchboard.ingress.config.IngressConfig;
import io.switchboard.ingress.normalize.DedupeProcessor;

/**
 * Whether the normalization has published an event: its id is in the event-ids store (an interactive query of this
 * replica's Kafka Streams, as custom.CustomReplays reads the request ledger). The store holds the ids of the dedupe
 * horizon only, which is why a replay's range must lie inside it. With several replicas an id whose partition is on
 * another replica is not found here: the webhook is republished and the topology's dedupe drops the event then.
 */
@ApplicationScoped
public class PublishedEvents {

    private final Instance<KafkaStreams> streams;
    private final Duration horizon;
    private final Duration wait;

    public PublishedEvents(Instance<KafkaStreams> streams, IngressConfig config) {
        this.streams = streams;
        this.horizon = config.dedupeHorizon();
        this.wait = config.replay().storeWait();
    }

    /** The store, once the normalization runs; fails when it does not within {@code replay.store-wait}. */
    Lookup open() throws InterruptedException {
        Instant deadline = Instant.now().plus(wait);
        while (true) {
            try {
                KafkaStreams running = streams.get();
                if (running.state() == KafkaStreams.State.RUNNING) {
                    ReadOnlyWindowStore<String, Long> store = running.store(StoreQueryParameters.fromNameAndType(
                            DedupeProcessor.STORE, QueryableStoreTypes.<String, Long>windowStore()));
                    return eventId -> seen(store, eventId);
                }
            } catch (InvalidStateStoreException e) {
                // Rebalancing: ask again.
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the normalization is not running, so what it published cannot be"
                        + " checked; try again when ingress is ready");
            }
            Thread.sleep(200);
        }
    }

    private boolean seen(ReadOnlyWindowStore<String, Long> store, String eventId) {
        Instant now = Instant.now();
        try (WindowStoreIterator<Long> ids = store.fetch(eventId, now.minus(horizon), now.plus(horizon))) {
            return ids.hasNext();
        }
    }

    /** Asks the store about one event id. */
    interface Lookup {
        boolean published(String eventId);
    }
}
