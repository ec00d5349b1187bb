package io.switchboard.testing;

import io.switchboard.devinfra.KraftBroker;

/**
 * The JVM's broker behind a fault proxy, reached through {@link JvmWide}. A broker of its own rather than the shared
 * one: the broker advertises the proxy's address, so every connection a client opens after bootstrap goes through
 * the proxy too, and cutting it affects the fault test alone.
 */
final class SharedFaultKafka {

    static final String PROXY = "kafka";

    private static KraftBroker broker;
    private static String bootstrap;

    private SharedFaultKafka() {
    }

    static synchronized String bootstrapServers() {
        if (broker == null) {
            start();
        }
        return bootstrap;
    }

    private static void start() {
        try {
            int port = KraftBroker.freePort();
            int controllerPort = KraftBroker.freePort();
            int proxyPort = SharedFaultProxies.start(PROXY, "127.0.0.1", port);
            KraftBroker.Settings settings = KraftBroker.Settings.ephemeral().ports(port, controllerPort)
                    .override("advertised.listeners",
                            "PLAINTEXT://127.0.0.1:" + proxyPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
            broker = KraftBroker.start(settings);
            bootstrap = "127.0.0.1:" + proxyPort;
            Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "switchboard-fault-kafka-close"));
        } catch (Exception e) {
            throw new IllegalStateException("Could not start the Kafka broker behind a fault proxy", e);
        }
    }

    static void createTopics(Integer partitions, String[] names) {
        SharedKafka.createTopicsOn(bootstrapServers(), partitions, names);
    }
}
