package io.switchboard.ingress.config;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.TopicCreator;
import io.switchboard.events.Topics;

/**
 * Creates the topics ingress writes when they are missing, in dev and test. In production the platform creates them
 * (Strimzi {@code KafkaTopic} resources with their partitions and retention), so this is off there.
 */
@ApplicationScoped
public class TopicBootstrap {

    static final List<String> TOPICS = List.of(Topics.RAW_WEBHOOKS, Topics.INBOUND, Topics.STATUS,
            Topics.INGRESS_DEAD_LETTER);

    private final IngressConfig config;
    private final String bootstrapServers;

    public TopicBootstrap(IngressConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    void onStart(@Observes StartupEvent event) throws InterruptedException {
        if (!config.createTopics()) {
            return;
        }
        TopicCreator.createMissingAndLog(bootstrapServers, config.topicPartitions(), TOPICS);
    }
}
