package io.switchboard.messaging.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.consume.FailureKind;
import io.switchboard.messaging.consume.Failures;
import io.switchboard.messaging.deadletter.DeadLetters;
import io.switchboard.messaging.inbox.Inbox;
import io.switchboard.messaging.trace.TraceContext;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Publishes a service's outbox rows in id order (commit order per key, see {@link Outbox}) and deletes exactly the
 * rows the broker acknowledged. Woken on commit by the insert trigger's NOTIFY (every replica listens), and by a
 * timer as the safety net; one replica publishes at a time (a transaction-scoped advisory lock). A row Kafka
 * refuses for itself (too large, not serializable, unreadable) becomes a dead letter and is deleted, so it cannot
 * block the rows behind it; a broker or database outage leaves the rows for the next pass and reports readiness
 * DOWN until a pass succeeds. The same thread prunes the inbox.
 */
public final class OutboxRelay implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Duration PRUNE_EVERY = Duration.ofMinutes(10);

    private final Pool pool;
    private final RelaySettings settings;
    private final KafkaProducer<String, byte[]> producer;
    private final DeadLetters deadLetters;
    private final ConsumerHealth health;
    private final Inbox inbox;
    private final String name;
    private final long lockKey;
    private final String select;
    private final String delete;
    private final AtomicBoolean pending = new AtomicBoolean();
    private final ScheduledExecutorService worker;
    private volatile SqlConnection listener;
    private Instant nextPrune = Instant.EPOCH;
    // A row the broker failed in a pass that published others (relay thread only): readiness must still say so.
    private RuntimeException unpublished;

    public OutboxRelay(Pool pool, RelaySettings settings, KafkaProducer<String, byte[]> producer,
            DeadLetters deadLetters, ConsumerHealth health) {
        this.pool = pool;
        this.settings = settings;
        this.producer = producer;
        this.deadLetters = deadLetters;
        this.health = health;
        this.inbox = new Inbox(settings.schema());
        this.name = settings.schema() + "-outbox-relay";
        this.lockKey = ((long) settings.schema().hashCode() << 16) ^ 0x4f5554424f58L;
        this.select = "SELECT id, ce_type, topic, record_key, payload, traceparent FROM " + settings.schema()
                + ".outbox ORDER BY id LIMIT $1";
        this.delete = "DELETE FROM " + settings.schema() + ".outbox WHERE id = ANY($1)";
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.worker = executor;
    }

    /** Starts the timer and the listener; call once the service is up. */
    public void start() {
        long every = settings.interval().toMillis();
        worker.scheduleWithFixedDelay(this::tick, 0, every, TimeUnit.MILLISECONDS);
    }

    /** Asks for a pass soon: after a commit of this replica that wrote rows, or on another replica's NOTIFY. */
    public void wake() {
        if (!pending.getAndSet(true)) {
            try {
                worker.execute(this::drain);
            } catch (RejectedExecutionException e) {
                // Closing: what is left is published by the next start.
            }
        }
    }

    private void tick() {
        listen();
        drain();
        pruneInboxIfDue();
    }

    // Runs on the relay's single thread only, so passes of this replica never overlap.
    private void drain() {
        pending.set(false);
        unpublished = null;
        try {
            while (relayBatch() == settings.batchSize()) {
                // A full batch: more are waiting.
            }
            if (unpublished != null) {
                // e.g. a topic this service's Kafka user may not write: the row waits, and readiness says why.
                health.retrying(name, unpublished);
            } else {
                health.recovered(name);
            }
        } catch (RuntimeException e) {
            health.retrying(name, e);
            LOG.warnf("%s: pass failed, retrying on the next one: %s", name, e.toString());
        }
    }

    /** Publishes one batch in one transaction; returns how many rows it took (published or set aside). */
    int relayBatch() {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1) AS locked").execute(Tuple.of(lockKey))
                .map(rows -> rows.iterator().next().getBoolean("locked"))
                .flatMap(locked -> !locked ? Uni.createFrom().item(0)
                        : connection.preparedQuery(select).execute(Tuple.of(settings.batchSize()))
                                .map(rows -> publish(rows))
                                .flatMap(done -> done.isEmpty() ? Uni.createFrom().item(0)
                                        : connection.preparedQuery(delete)
                                                .execute(Tuple.of((Object) done.toArray(new Long[0])))
                                                .map(ignored -> done.size()))))
                .await().atMost(TIMEOUT.multipliedBy(2));
    }

    /**
     * Sends the rows and waits for every answer; returns the ids that are done with (acknowledged, or set aside
     * as dead letters). Throws when the broker failed a row: the rows before it are deleted by the next pass after
     * being published again (consumers deduplicate on the event id), never lost.
     */
    private List<Long> publish(Iterable<Row> rows) {
        List<PendingSend> sends = new ArrayList<>();
        for (Row row : rows) {
            sends.add(send(row));
        }
        List<Long> done = new ArrayList<>();
        RuntimeException outage = null;
        for (PendingSend send : sends) {
            Throwable failure = send.failure != null ? send.failure : await(send.future);
            if (failure == null) {
                done.add(send.id);
            } else if (Failures.classify(failure) == FailureKind.POISON) {
                deadLetters.outboxRow(send.id, send.record.topic(), send.record.key(), send.record.value(),
                        send.record.headers(), failure);
                done.add(send.id);
            } else if (outage == null) {
                outage = new IllegalStateException("outbox row " + send.id + " for " + send.record.topic()
                        + " not published: " + failure, failure);
            }
        }
        if (outage != null && done.isEmpty()) {
            throw outage;
        }
        if (outage != null) {
            unpublished = outage;
            LOG.warnf("%s: %s", name, outage.toString());
        }
        return done;
    }

    private PendingSend send(Row row) {
        long id = row.getLong("id");
        byte[] payload = row.getBuffer("payload").getBytes();
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(row.getString("topic"), null,
                row.getString("record_key"), payload, null);
        try {
            Headers headers = CloudEventCodec.headers(
                    CloudEventCodec.read(EventType.fromCeType(row.getString("ce_type")), payload), settings.source());
            headers.forEach(header -> record.headers().add(header));
            TraceContext.put(record.headers(), row.getString("traceparent"));
            return new PendingSend(id, record, producer.send(record), null);
        } catch (RuntimeException e) {
            // Unreadable, or refused by the producer before it was sent (too large, serialization).
            return new PendingSend(id, record, null, e);
        }
    }

    private static Throwable await(Future<RecordMetadata> future) {
        try {
            future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause() == null ? e : e.getCause();
        } catch (TimeoutException e) {
            return e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e;
        }
    }

    /** Listens for the insert trigger's notifications on a connection of its own; reconnects after an outage. */
    private void listen() {
        SqlConnection current = listener;
        if (current != null) {
            return;
        }
        try {
            SqlConnection connection = pool.getConnection().await().atMost(TIMEOUT);
            PgConnection pg = PgConnection.cast(connection);
            pg.notificationHandler(notification -> wake());
            pg.closeHandler(() -> listener = null);
            connection.query("LISTEN " + settings.schema() + "_outbox").execute().await().atMost(TIMEOUT);
            listener = connection;
        } catch (RuntimeException e) {
            LOG.debugf("%s: not listening yet: %s", name, e.toString());
        }
    }

    private void pruneInboxIfDue() {
        if (settings.inboxRetention() == null || Instant.now().isBefore(nextPrune)) {
            return;
        }
        try {
            int pruned;
            do {
                pruned = pool.withConnection(connection -> inbox.prune(connection, settings.inboxRetention()))
                        .await().atMost(TIMEOUT);
            } while (pruned == Inbox.PRUNE_BATCH);
            nextPrune = Instant.now().plus(PRUNE_EVERY);
        } catch (RuntimeException e) {
            LOG.warnf("%s: inbox not pruned, trying again on the next pass: %s", name, e.toString());
        }
    }

    @Override
    public void close() {
        worker.shutdownNow();
        SqlConnection connection = listener;
        listener = null;
        if (connection != null) {
            connection.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }

    private record PendingSend(long id, ProducerRecord<String, byte[]> record, Future<RecordMetadata> future,
            Throwable failure) {
    }
}
