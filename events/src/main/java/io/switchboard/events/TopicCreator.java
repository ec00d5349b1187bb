package io.switchboard.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the topics a service needs when they are missing, for dev and test. In production the platform owns them
 * (Strimzi {@code KafkaTopic} resources with partitions, retention and compaction), so services turn this off there.
 */
public final class TopicCreator {

    // The JDK's logger: this module stays free of a logging library; Quarkus routes it to its own log.
    private static final System.Logger LOG = System.getLogger(TopicCreator.class.getName());

    private TopicCreator() {
    }

    /** What happened: the topics created now, and those that could not be created with the reason. */
    private record Result(List<String> created, Map<String, String> failed) {
    }

    private static Result createMissing(Map<String, Object> clientProperties, int partitions,
            Collection<String> names, Duration rawRetention) throws InterruptedException {
        List<String> created = new ArrayList<>();
        Map<String, String> failed = new LinkedHashMap<>();
        try (Admin admin = Admin.create(clientProperties)) {
            List<NewTopic> topics = names.stream().map(name -> newTopic(name, partitions, rawRetention)).collect(Collectors.toList());
            for (Map.Entry<String, KafkaFuture<Void>> result
                    : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get();
                    created.add(result.getKey());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        failed.put(result.getKey(), e.getCause().toString());
                    }
                }
            }
        }
        return new Result(created, failed);
    }

    /**
     * Creates the topics that are missing, logging each one created and each that could not be. {@code
     * clientProperties}: the admin client's, at least {@code bootstrap.servers} (and the service's credentials where
     * the broker wants them).
     */
    public static void createMissingAndLog(Map<String, Object> clientProperties, int partitions,
            Collection<String> names) throws InterruptedException {
        createMissingAndLog(clientProperties, partitions, names, RAW_WEBHOOKS_RETENTION);
    }

    /** As above, with the raw topic's retention (how far back a replay can reach). */
    public static void createMissingAndLog(Map<String, Object> clientProperties, int partitions,
            Collection<String> names, Duration rawRetention) throws InterruptedException {
        Result result = createMissing(clientProperties, partitions, names, rawRetention);
        result.created().forEach(name -> LOG.log(System.Logger.Level.INFO, "created topic " + name));
        result.failed().forEach((name, reason) -> LOG.log(System.Logger.Level.WARNING,
                "could not create topic " + name + ": " + reason));
    }

    /**
     * The largest record of the raw topic: a webhook body (ingress stops at 2 MiB) plus its headers, so an accepted
     * body never meets Kafka's default limit of 1 MiB (deploy/base/topics.yaml sets the same).
     */
    public static final int RAW_WEBHOOKS_MAX_MESSAGE_BYTES = 4_194_304;

    /** The raw topic's default retention: 30 days (ADR 0004, 0014; deploy/base/topics.yaml sets the same). */
    public static final Duration RAW_WEBHOOKS_RETENTION = Duration.ofDays(30);

    // The agents topic holds each agent's full state per record (ADR 0006), the queue-stats topic each queue's
    // figures: compaction keeps the latest one. deploy's ConsistencyChecks reads compaction from this form.
    private static NewTopic newTopic(String name, int partitions) {
        return newTopic(name, partitions, RAW_WEBHOOKS_RETENTION);
    }

    private static NewTopic newTopic(String name, int partitions, Duration rawRetention) {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.empty());
        if (Topics.RAW_WEBHOOKS.equals(name)) {
            return topic.configs(Map.of("max.message.bytes", Integer.toString(RAW_WEBHOOKS_MAX_MESSAGE_BYTES),
                    "retention.ms", Long.toString(rawRetention.toMillis())));
        }
        return Topics.AGENTS.equals(name) || Topics.QUEUE_STATS.equals(name) ? topic.configs(Map.of("cleanup.policy", "compact")) : topic;
    }
}
