package io.switchboard.routing.deadletter;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.switchboard.events.Topics;
import io.switchboard.routing.config.KafkaProducers;
import io.vertx.pgclient.PgException;

/**
 * Sets aside an input record routing cannot read or apply, byte for byte with its headers plus the reason, on
 * {@code switchboard.routing.dead-letter.v1}, so the consumer goes on with the next record instead of stopping.
 * Only failures the same record would hit again count (unreadable, refused as data); a database that is down is
 * not the record's fault, and those records are retried instead.
 */
@ApplicationScoped
public class DeadLetters {

    public static final String HEADER_REASON = "sb_dlq_reason";
    public static final String HEADER_TOPIC = "sb_dlq_topic";
    public static final String HEADER_PARTITION = "sb_dlq_partition";
    public static final String HEADER_OFFSET = "sb_dlq_offset";
    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final String bootstrapServers;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Runs {@code step} for a record; when it fails because of the record itself, the record becomes a dead letter. */
    public void guard(ConsumerRecord<String, byte[]> record, Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            if (!causedByRecord(e)) {
                throw e;
            }
            send(record, e.toString());
        }
    }

    /** Publishes the dead letter and waits for the broker, so the input offset is committed only after it. */
    public void send(ConsumerRecord<String, byte[]> input, String reason) {
        LOG.warnf("dead letter %s@%d/%d: %s", input.topic(), input.partition(), input.offset(), reason);
        ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.ROUTING_DEAD_LETTER, null, input.key(),
                input.value(), new RecordHeaders(input.headers().toArray()));
        letter.headers().add(HEADER_REASON, utf8(reason)).add(HEADER_TOPIC, utf8(input.topic()))
                .add(HEADER_PARTITION, utf8(String.valueOf(input.partition())))
                .add(HEADER_OFFSET, utf8(String.valueOf(input.offset())));
        try {
            producer().send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while writing a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("dead letter not written", e);
        }
    }

    /**
     * Whether processing failed because of the record itself: unreadable, of an unexpected type, a missing or
     * malformed field, or data PostgreSQL refuses (SQL state classes 22 and 23).
     */
    public static boolean causedByRecord(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof NullPointerException || cause instanceof IllegalArgumentException
                    || cause instanceof ClassCastException || cause instanceof UncheckedIOException) {
                return true;
            }
            if (cause instanceof PgException pg && pg.getSqlState() != null
                    && (pg.getSqlState().startsWith("22") || pg.getSqlState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] utf8(String value) {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = KafkaProducers.reliable(bootstrapServers, "routing-dead-letters");
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
