package io.switchboard.testing;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A Kafka broker reached only through a {@link FaultProxy}, for a test that cuts the service's route to Kafka while
 * traffic flows:
 * <pre>
 * &#64;QuarkusTestResource(value = KafkaFaultResource.class, restrictToAnnotatedClass = true)
 * ...
 * KafkaFaultResource.network().cut();
 * </pre>
 * The broker is not the JVM's shared one ({@link KafkaResource}): it advertises the proxy's address, so the
 * connections a client opens after bootstrap go through the proxy as well. Topics are created on first use; for
 * several partitions use {@link #createTopics}. Sets {@code kafka.bootstrap.servers}; a test's own clients use
 * {@link #bootstrapServers()} ({@code new KafkaTestClient(KafkaFaultResource.bootstrapServers())}).
 */
public final class KafkaFaultResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        network().restore();
    }

    /** The proxy's address: the only one the broker advertises. */
    public static String bootstrapServers() {
        return (String) JvmWide.call(SharedFaultKafka.class, "bootstrapServers");
    }

    /** The route between every client and the broker. */
    public static NetworkFaults network() {
        return new NetworkFaults(SharedFaultKafka.PROXY);
    }

    /** Creates the topics with that many partitions and waits for their leaders (through the proxy: restore first). */
    public static void createTopics(int partitions, String... names) {
        JvmWide.call(SharedFaultKafka.class, "createTopics", partitions, names);
    }
}
