package io.switchboard.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.SwitchboardEvent;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Publishes outbox rows in id order and marks them sent. A crash after the send and before the mark publishes the
 * row again: consumers deduplicate on the CloudEvent id, and the agents topic keeps the highest version anyway.
 */
@ApplicationScoped
public class OutboxRelay {

    /** One channel for every topic agent-service writes: the topic is set per record from the event type. */
    public static final String CHANNEL = "events-out";

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final MutinyEmitter<byte[]> emitter;
    private final AgentConfig config;

    public OutboxRelay(@Channel(CHANNEL) MutinyEmitter<byte[]> emitter, AgentConfig config) {
        this.emitter = emitter;
        this.config = config;
    }

    // Delayed so the first run does not race the wiring of the messaging channels at start-up.
    @Scheduled(every = "${switchboard.agent.outbox-interval}", delayed = "2s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            // Not while shutting down: the database pool closes before the scheduler stops.
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> relay() {
        Context context = Vertx.currentContext();
        // The lock keeps two replicas from publishing the same rows at once; the sends happen outside the
        // session (Kafka answers on its own thread), then the marking resumes on this Vert.x context.
        return Panache.withTransaction(() -> OutboxRecord.<OutboxRecord>find("sentAt is null order by id")
                .withLock(LockModeType.PESSIMISTIC_WRITE).page(0, config.outboxBatch()).list()
                .call(rows -> rows.isEmpty() ? Uni.createFrom().voidItem()
                        : publish(rows).emitOn(command -> context.runOnContext(ignored -> command.run()))
                                .call(() -> OutboxRecord.update("sentAt = ?1 where id in ?2", Instant.now(),
                                        rows.stream().map(row -> row.id).toList()))))
                .replaceWithVoid()
                .onFailure().invoke(e -> LOG.warnf("outbox relay failed, retrying next run: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private Uni<Void> publish(List<OutboxRecord> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(this::send)
                .collect().last().replaceWithVoid();
    }

    private Uni<Void> send(OutboxRecord row) {
        EventType type = EventType.fromCeType(row.ceType);
        byte[] data = row.payload.getBytes(StandardCharsets.UTF_8);
        SwitchboardEvent event = CloudEventCodec.read(type, data);
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(type.topic())
                .withKey(row.recordKey)
                .withHeaders(CloudEventCodec.headers(event, config.source()))
                .build();
        // The connector makes the producer span a child of the change that wrote the row, not of this timer.
        return emitter.sendMessage(Message.of(data).addMetadata(metadata)
                .addMetadata(TracingMetadata.withCurrent(TraceContext.restore(row.traceparent))));
    }
}
