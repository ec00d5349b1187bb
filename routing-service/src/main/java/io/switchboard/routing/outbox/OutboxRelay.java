package io.switchboard.routing.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.routing.config.KafkaProducers;
import io.switchboard.routing.config.RoutingConfig;
import io.switchboard.routing.store.Transactions;
import io.vertx.mutiny.sqlclient.Row;

/**
 * Publishes outbox rows in id order and deletes them once the broker acknowledged every one. One replica relays at
 * a time (a transaction-scoped advisory lock), which keeps each conversation's events in commit order.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final long RELAY_LOCK = 0x524f555445L;
    static final String TRACEPARENT = "traceparent";

    private final Transactions transactions;
    private final RoutingConfig config;
    private final String bootstrapServers;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "routing-outbox-relay");
        thread.setDaemon(true);
        return thread;
    });
    private KafkaProducer<String, byte[]> producer;

    public OutboxRelay(Transactions transactions, RoutingConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.transactions = transactions;
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Asks for a pass soon, after a commit that wrote outbox rows: the scheduled tick is only the safety net (and
     * what publishes rows another replica committed), so events do not wait up to a full interval.
     */
    public void wake() {
        if (!pending.getAndSet(true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Shutting down: what is left in the outbox is published by the next start.
            }
        }
    }

    @Scheduled(every = "${switchboard.routing.relay-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes before the scheduler stops.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void tick() {
        wake();
    }

    // Runs on the single relay thread only, so passes of this replica never overlap.
    private void drain() {
        pending.set(false);
        try {
            while (relayBatch() == config.relayBatchSize()) {
                // A full batch: more are waiting, go on without waiting for the next tick.
            }
        } catch (RuntimeException e) {
            LOG.warnf("outbox relay failed, retrying on the next tick: %s", e.toString());
        }
    }

    /** Publishes one batch; returns how many rows it published. */
    int relayBatch() {
        return transactions.inTransaction(db -> {
            if (!db.one("SELECT pg_try_advisory_xact_lock($1) AS locked", RELAY_LOCK).getBoolean("locked")) {
                return 0;
            }
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            List<Long> ids = new ArrayList<>();
            for (Row row : db.query(
                    "SELECT id, ce_type, payload, traceparent FROM routing.outbox ORDER BY id LIMIT $1",
                    config.relayBatchSize())) {
                SwitchboardEvent event = CloudEventCodec.read(EventType.fromCeType(row.getString("ce_type")),
                        row.getBuffer("payload").getBytes());
                ProducerRecord<String, byte[]> record = CloudEventCodec.toRecord(event, config.source());
                String traceparent = row.getString(TRACEPARENT);
                if (traceparent != null) {
                    record.headers().add(TRACEPARENT, traceparent.getBytes(StandardCharsets.US_ASCII));
                }
                sends.add(producer().send(record));
                ids.add(row.getLong("id"));
            }
            for (Future<RecordMetadata> send : sends) {
                await(send);
            }
            // Exactly the rows published: a transaction that took a lower id but committed after the read is not
            // in this batch, and deleting "id <= last" would drop its events unpublished.
            if (!ids.isEmpty()) {
                db.update("DELETE FROM routing.outbox WHERE id = ANY($1)", (Object) ids.toArray(new Long[0]));
            }
            return ids.size();
        });
    }

    private static void await(Future<RecordMetadata> send) {
        try {
            send.get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publish failed", e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaProducers.reliable(bootstrapServers, "routing-outbox-relay");
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        worker.shutdown();
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
