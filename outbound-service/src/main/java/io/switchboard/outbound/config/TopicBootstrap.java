package io.switchboard.outbound.config;

import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.TopicCreator;
import io.switchboard.events.Topics;

/**
 * Creates the topics outbound reads and writes when they are missing, in dev and test. In production the platform
 * creates them (Strimzi {@code KafkaTopic} resources), so this is off there.
 */
@ApplicationScoped
public class TopicBootstrap {

    static final List<String> TOPICS = List.of(Topics.OUTBOUND, Topics.OUTBOUND_RESULTS, Topics.OUTBOUND_DEAD_LETTER,
            Topics.INBOUND, Topics.STATUS);

    private final OutboundConfig config;
    private final String bootstrapServers;

    public TopicBootstrap(OutboundConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    // Before the Kafka consumers subscribe.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event)
            throws InterruptedException {
        if (!config.createTopics()) {
            return;
        }
        TopicCreator.createMissingAndLog(bootstrapServers, config.topicPartitions(), TOPICS);
    }
}
