package io.switchboard.messaging.deadletter;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.kafka.Producers;

/**
 * Writes the service's dead letters to its dead-letter topic ({@code switchboard.messaging.dead-letter-topic}) and
 * waits for the broker, so the caller commits the input offset (or deletes the outbox row) only once the letter is
 * durable. A letter that cannot be written throws: the caller retries, nothing is dropped.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final KafkaClientProperties kafka;
    private final String topic;
    private final String service;
    private KafkaProducer<String, byte[]> producer;

    public DeadLetters(KafkaClientProperties kafka,
            @ConfigProperty(name = "switchboard.messaging.dead-letter-topic") String topic,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.kafka = kafka;
        this.topic = topic;
        this.service = service;
    }

    public String topic() {
        return topic;
    }

    /** Sets aside a record read from a topic, because of {@code failure}. */
    public void record(ConsumerRecord<String, byte[]> input, Throwable failure) {
        record(input, DeadLetter.reason(failure), DeadLetter.errorClass(failure));
    }

    /** Sets aside a record read from a topic; {@code errorClass} is {@link DeadLetterHeaders#VALIDATION} for a rule. */
    public void record(ConsumerRecord<String, byte[]> input, String reason, String errorClass) {
        LOG.warnf("dead letter from %s-%d@%d to %s: %s", input.topic(), input.partition(), input.offset(), topic,
                reason);
        send(DeadLetter.ofRecord(topic, service, input, reason, errorClass));
    }

    /** Sets aside an outbox row that Kafka refused to take. */
    public void outboxRow(long outboxId, String intendedTopic, String key, byte[] value, Headers headers,
            Throwable failure) {
        LOG.warnf("dead letter from outbox row %d (for %s) to %s: %s", outboxId, intendedTopic, topic,
                failure.toString());
        send(DeadLetter.ofOutboxRow(topic, service, outboxId, intendedTopic, key, value, headers,
                DeadLetter.reason(failure), DeadLetter.errorClass(failure)));
    }

    private void send(ProducerRecord<String, byte[]> letter) {
        try {
            producer().send(letter).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeadLetterNotWritten("interrupted while writing a dead letter", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new DeadLetterNotWritten("dead letter not written to " + topic, e);
        }
    }

    private synchronized KafkaProducer<String, byte[]> producer() {
        if (producer == null) {
            producer = Producers.reliable(kafka, service + "-dead-letters");
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }

    /** The broker did not take a dead letter: an infrastructure failure, retried by the caller. */
    public static final class DeadLetterNotWritten extends IllegalStateException {
        DeadLetterNotWritten(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
