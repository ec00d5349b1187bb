package io.switchboard.routing.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.Topics;

/**
 * Creates the topics routing reads and writes when they are missing, in dev and test. In production the platform
 * creates them (Strimzi {@code KafkaTopic} resources), so this is off there.
 */
@ApplicationScoped
public class TopicBootstrap {

    private static final Logger LOG = Logger.getLogger(TopicBootstrap.class);
    static final List<String> TOPICS = List.of(Topics.INBOUND, Topics.AGENTS, Topics.AGENT_ACTIONS, Topics.ROUTING);

    private final RoutingConfig config;
    private final String bootstrapServers;

    public TopicBootstrap(RoutingConfig config,
            @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    // The agents topic holds full state per record (ADR 0006): compaction keeps the latest one per agent.
    private NewTopic newTopic(String name) {
        NewTopic topic = new NewTopic(name, Optional.of(config.topicPartitions()), Optional.empty());
        return Topics.AGENTS.equals(name) ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
    }

    // Before the Kafka consumers subscribe.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        if (!config.createTopics()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            List<NewTopic> topics = TOPICS.stream()
                    .map(this::newTopic)
                    .collect(Collectors.toList());
            admin.createTopics(topics).values().forEach((name, future) -> {
                try {
                    future.get();
                    LOG.infof("created topic %s", name);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("could not create topic %s: %s", name, e.getCause().toString());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }
}
