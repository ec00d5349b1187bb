package io.switchboard.testing;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for a module's tests, started once per JVM and shared by every test class.
 * <p>
 * Which broker: {@code SWITCHBOARD_TEST_KAFKA} (system property or environment variable, bootstrap servers) if set;
 * else {@code apache/kafka:4.1.2} through Testcontainers when a Docker engine answers; else an in-JVM KRaft broker
 * (dev-infra's {@code KraftBroker}, one combined broker/controller node) configured so that transactions,
 * consumer groups and Kafka Streams {@code exactly_once_v2} work on a single broker.
 * <p>
 * The broker outlives Quarkus application restarts between test classes and is closed by a JVM shutdown hook, so
 * a module pays the start-up once. Use it with {@code @QuarkusTestResource(KafkaResource.class)}.
 * <p>
 * Optional init argument {@code topics}: a comma-separated list of {@code name} or {@code name:partitions},
 * created before the application starts.
 */
public final class KafkaResource implements QuarkusTestResourceLifecycleManager {

    /** Bootstrap servers of an external broker to use instead of starting one. */
    public static final String EXTERNAL_BOOTSTRAP = "SWITCHBOARD_TEST_KAFKA";

    /** Init argument naming topics to create at start. */
    public static final String TOPICS_ARG = "topics";

    private String topicsArg = "";

    @Override
    public void init(Map<String, String> initArgs) {
        topicsArg = initArgs.getOrDefault(TOPICS_ARG, "");
    }

    @Override
    public Map<String, String> start() {
        String bootstrap = bootstrapServers();
        // A test that stopped the broker and failed before restarting it must not break the next application.
        if (!(Boolean) JvmWide.call(SharedKafka.class, "running")) {
            JvmWide.call(SharedKafka.class, "startBroker");
        }
        for (String spec : topicsArg.split(",")) {
            if (!spec.isBlank()) {
                String[] parts = spec.trim().split(":");
                createTopics(parts.length > 1 ? Integer.parseInt(parts[1].trim()) : 1, parts[0].trim());
            }
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrap);
        config.put("quarkus.kafka-streams.bootstrap-servers", bootstrap);
        config.put("quarkus.kafka.devservices.enabled", "false");
        return config;
    }

    /** The broker stays up for the next test class; the JVM shutdown hook closes it. */
    @Override
    public void stop() {
    }

    /** Bootstrap servers of the JVM's broker, starting it on first use (also from plain JUnit tests). */
    public static String bootstrapServers() {
        return (String) JvmWide.call(SharedKafka.class, "bootstrapServers");
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are) and waits until every
     * partition has a leader, so the first produce does not race the topic's creation.
     */
    public static void createTopics(int partitions, String... names) {
        JvmWide.call(SharedKafka.class, "createTopics", partitions, names);
    }

    /**
     * Takes the broker down; its port stays reserved. Clients connected to it see connection failures until
     * {@link #startBroker()}. Aborts the calling test when the broker is external.
     */
    public static void stopBroker() {
        requireManaged("stop");
        JvmWide.call(SharedKafka.class, "stopBroker");
    }

    /**
     * Brings the broker back on the same bootstrap address and returns once it serves requests; clients created
     * before {@link #stopBroker()} reconnect by themselves.
     */
    public static void startBroker() {
        requireManaged("start");
        JvmWide.call(SharedKafka.class, "startBroker");
    }

    /** Whether the broker has been started and is not currently stopped by {@link #stopBroker()}. */
    public static boolean isBrokerRunning() {
        return (Boolean) JvmWide.call(SharedKafka.class, "running");
    }

    private static void requireManaged(String action) {
        if (!(Boolean) JvmWide.call(SharedKafka.class, "managed")) {
            Assumptions.abort("This test needs to " + action + " the Kafka broker, which only works with a broker "
                    + "this JVM manages; " + JvmWide.call(SharedKafka.class, "description")
                    + " is external. Unset " + EXTERNAL_BOOTSTRAP + " to run it.");
        }
    }
}
