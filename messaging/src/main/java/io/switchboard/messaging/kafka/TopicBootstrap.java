package io.switchboard.messaging.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.TopicCreator;

/**
 * Creates the topics a service reads and writes when they are missing, in dev and test: the service lists them in
 * {@code switchboard.messaging.topics.names}. In production the platform creates them (Strimzi {@code KafkaTopic}
 * resources with their partitions and retention), so services set {@code %prod.switchboard.messaging.topics.create
 * =false}.
 */
@ApplicationScoped
public class TopicBootstrap {

    private final boolean create;
    private final int partitions;
    private final List<String> names;
    private final Duration rawRetention;
    private final KafkaClientProperties kafka;

    public TopicBootstrap(
            @ConfigProperty(name = "switchboard.messaging.topics.create", defaultValue = "true") boolean create,
            @ConfigProperty(name = "switchboard.messaging.topics.partitions", defaultValue = "3") int partitions,
            @ConfigProperty(name = "switchboard.messaging.topics.names") Optional<List<String>> names,
            // How long the raw webhooks are kept, so how far back ingress's replay reaches (ADR 0004).
            @ConfigProperty(name = "switchboard.messaging.topics.raw-retention", defaultValue = "P30D")
            Duration rawRetention,
            // Its address is optional: a service (or test) without Kafka and without topics to create must start.
            KafkaClientProperties kafka) {
        this.create = create;
        this.partitions = partitions;
        this.names = names.orElse(List.of());
        this.rawRetention = rawRetention;
        this.kafka = kafka;
    }

    // PLATFORM_BEFORE: ahead of SmallRye Reactive Messaging (LIBRARY_BEFORE), so no consumer subscribes first.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException {
        createMissing();
    }

    /** Creates the listed topics that do not exist yet, when creating is on; existing ones stay as they are. */
    public void createMissing() throws InterruptedException {
        if (create && !names.isEmpty()) {
            if (kafka.bootstrapServers().isEmpty()) {
                throw new IllegalStateException(
                        "switchboard.messaging.topics.names is set but kafka.bootstrap.servers is not");
            }
            TopicCreator.createMissingAndLog(kafka.connection(), partitions, names, rawRetention);
        }
    }
}
