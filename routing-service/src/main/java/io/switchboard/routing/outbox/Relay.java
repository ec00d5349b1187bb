package io.switchboard.routing.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.clients.producer.KafkaProducer;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.switchboard.messaging.consume.ConsumerHealth;
import io.switchboard.messaging.deadletter.DeadLetters;
import io.switchboard.messaging.kafka.KafkaClientProperties;
import io.switchboard.messaging.kafka.Producers;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.messaging.outbox.RelaySettings;
import io.switchboard.routing.config.RoutingConfig;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The one {@link OutboxRelay} of this replica: started with the service, closed (with its producer) at shutdown
 * before the database pool goes. The routing steps {@code wake()} it after a commit; the insert trigger's NOTIFY and
 * the {@code relay-interval} timer are the safety net.
 */
@ApplicationScoped
public class Relay {

    private KafkaProducer<String, byte[]> producer;
    private OutboxRelay relay;

    @Produces
    @Singleton
    synchronized OutboxRelay relay(Pool pool, RoutingConfig config, DeadLetters deadLetters, ConsumerHealth health,
            KafkaClientProperties kafka) {
        producer = Producers.reliable(kafka, "routing-outbox-relay");
        relay = new OutboxRelay(pool, new RelaySettings(Outbox.SCHEMA, config.source(), config.relayBatchSize(),
                config.relayInterval(), config.inboxRetention()), producer, deadLetters, health);
        return relay;
    }

    void onStart(@Observes StartupEvent event, OutboxRelay relay) {
        relay.start();
    }

    synchronized void onStop(@Observes ShutdownEvent event) {
        if (relay != null) {
            relay.close();
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
