package io.switchboard.agent.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.agent.config.AgentConfig;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.deadletter.DeadLetters;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.kafka.Producers;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.messaging.outbox.RelaySettings;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Runs the shared {@link OutboxRelay} for agent-service: started with the service, woken after this replica's
 * commits ({@link #wake()}; other replicas' commits wake it through the outbox trigger's NOTIFY), closed at shutdown.
 * It also prunes the inbox.
 */
@ApplicationScoped
public class AgentOutboxRelay {

    private final Pool pool;
    private final AgentConfig config;
    private final DeadLetters deadLetters;
    private final ConsumerHealth health;
    private final KafkaClientProperties kafka;
    private final String service;
    private KafkaProducer<String, byte[]> producer;
    private volatile OutboxRelay relay;

    public AgentOutboxRelay(Pool pool, AgentConfig config, DeadLetters deadLetters, ConsumerHealth health,
            KafkaClientProperties kafka,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.pool = pool;
        this.config = config;
        this.deadLetters = deadLetters;
        this.health = health;
        this.kafka = kafka;
        this.service = service;
    }

    void start(@Observes StartupEvent started) {
        producer = Producers.reliable(kafka, service + "-outbox");
        relay = new OutboxRelay(pool, new RelaySettings(EventOutbox.SCHEMA, config.source(), config.outboxBatch(),
                config.outboxInterval(), config.inboxRetention()), producer, deadLetters, health);
        relay.start();
    }

    /** A transaction of this replica that appended events has committed: publish them now. */
    public void wake() {
        OutboxRelay current = relay;
        if (current != null) {
            current.wake();
        }
    }

    void stop(@Observes ShutdownEvent stopping) {
        OutboxRelay current = relay;
        relay = null;
        if (current != null) {
            current.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
