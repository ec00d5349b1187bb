package io.switchboard.agent.conversation;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.JDBCException;
import org.hibernate.StaleStateException;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationRef;
import io.switchboard.events.SwitchboardEvent;

/**
 * The idempotent consumer: an event's effect and its id are committed together, and an id already recorded has no
 * effect. A transaction that lost to a concurrent writer (optimistic lock, deadlock) is run again rather than
 * failing the channel.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    public Uni<Void> once(String eventId, Supplier<Uni<Void>> effect) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> ProcessedEvent
                .<ProcessedEvent>findById(eventId)
                .flatMap(seen -> seen != null ? Uni.createFrom().voidItem() : effect.get().call(() -> {
                    ProcessedEvent processed = new ProcessedEvent();
                    processed.eventId = eventId;
                    processed.processedAt = Instant.now();
                    return processed.persist();
                }))))
                .onFailure(Inbox::lostRace).retry().withBackOff(Duration.ofMillis(20)).atMost(5);
    }

    /**
     * The record's event, or null when agent-service cannot read it (the producer's dead letters keep a copy). Also
     * names the record's conversation in the logging context, so every line logged while it is handled carries it
     * (a reference, never the key: it may hold a phone number).
     */
    public static SwitchboardEvent decode(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            MDC.remove(ConversationRef.MDC_KEY);
        } else {
            MDC.put(ConversationRef.MDC_KEY, ConversationRef.of(record.key()));
        }
        try {
            return CloudEventCodec.read(record.headers(), record.value());
        } catch (RuntimeException e) {
            // A record agent-service cannot read must not stop the rest.
            LOG.warnf("skipping unreadable record topic=%s conversation=%s offset=%d reason=%s", record.topic(),
                    ConversationRef.of(record.key()), record.offset(), e.getMessage());
            return null;
        }
    }

    private static boolean lostRace(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof OptimisticLockException || e instanceof StaleStateException) {
                return true;
            }
            // deadlock_detected, serialization_failure
            if (e instanceof JDBCException jdbc && ("40P01".equals(jdbc.getSQLState())
                    || "40001".equals(jdbc.getSQLState()))) {
                return true;
            }
        }
        return false;
    }
}
