package io.switchboard.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.TopicExistsException;

import io.switchboard.devinfra.DockerSupport;
import io.switchboard.devinfra.Settings;

/**
 * The JVM's one broker. Always reached through {@link JvmWide}, so this class's statics (and its lock) are those
 * of the system class loader's copy. Methods take and return JDK types only.
 */
final class SharedKafka {

    private static final Logger LOG = Logger.getLogger(SharedKafka.class.getName());

    private static KafkaBroker broker;
    private static boolean running;

    private SharedKafka() {
    }

    static synchronized String bootstrapServers() {
        return ensure().bootstrapServers();
    }

    static synchronized boolean managed() {
        return ensure().managed();
    }

    static synchronized String description() {
        return ensure().description();
    }

    static synchronized boolean running() {
        return broker != null && running;
    }

    static synchronized void stopBroker() {
        KafkaBroker current = ensure();
        if (!running) {
            return;
        }
        long start = System.nanoTime();
        try {
            current.suspend();
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop " + current.description(), e);
        }
        running = false;
        LOG.info(() -> "Stopped " + current.description() + " in " + millisSince(start) + " ms");
    }

    static synchronized void startBroker() {
        KafkaBroker current = ensure();
        if (running) {
            return;
        }
        long start = System.nanoTime();
        try {
            current.resume();
        } catch (Exception e) {
            throw new IllegalStateException("Could not restart " + current.description(), e);
        }
        running = true;
        LOG.info(() -> "Restarted " + current.description() + " in " + millisSince(start) + " ms");
    }

    /** Creates the topics that do not exist yet and waits until each has a leader for every partition. */
    static void createTopics(int partitions, String[] names) {
        createTopicsOn(bootstrapServers(), partitions, names);
    }

    /** The same on another broker (the fault test's). */
    static void createTopicsOn(String bootstrap, int partitions, String[] names) {
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be >= 1, was " + partitions);
        }
        if (names.length == 0) {
            return;
        }
        List<NewTopic> topics = new ArrayList<>();
        for (String name : names) {
            // Empty replication factor: the broker's default.replication.factor (1 on the brokers started here).
            topics.add(new NewTopic(name, Optional.of(partitions), Optional.empty()));
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "30000"))) {
            for (var result : admin.createTopics(topics).values().entrySet()) {
                try {
                    result.getValue().get(30, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("Could not create topic " + result.getKey(), e.getCause());
                    }
                }
            }
            awaitLeaders(admin, Arrays.asList(names));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating topics " + Arrays.toString(names), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Timed out creating topics " + Arrays.toString(names), e);
        }
    }

    private static void awaitLeaders(Admin admin, List<String> names) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
                boolean ready = described.values().stream()
                        .flatMap(description -> description.partitions().stream())
                        .allMatch(partition -> partition.leader() != null && !partition.leader().isEmpty());
                if (ready) {
                    return;
                }
            } catch (ExecutionException e) {
                last = e;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("Topics " + names + " have no leader after 30 s", last);
    }

    private static KafkaBroker ensure() {
        if (broker == null) {
            long start = System.nanoTime();
            broker = create();
            running = true;
            KafkaBroker created = broker;
            LOG.info(() -> "Started " + created.description() + " in " + millisSince(start) + " ms");
            Runtime.getRuntime().addShutdownHook(new Thread(SharedKafka::closeAtExit, "switchboard-test-kafka-close"));
        }
        return broker;
    }

    private static KafkaBroker create() {
        Optional<String> external = Settings.get(KafkaResource.EXTERNAL_BOOTSTRAP);
        if (external.isPresent()) {
            return new KafkaBroker.External(external.get());
        }
        try {
            return DockerSupport.available() ? ContainerKafkaBroker.start() : InJvmKafkaBroker.start();
        } catch (Exception e) {
            throw new IllegalStateException("Could not start a Kafka broker for tests (set "
                    + KafkaResource.EXTERNAL_BOOTSTRAP + " to use a running one)", e);
        }
    }

    /** Bounded, so a broker that will not shut down cannot hang the end of a test run. */
    private static void closeAtExit() {
        KafkaBroker toClose;
        synchronized (SharedKafka.class) {
            toClose = broker;
            broker = null;
        }
        if (toClose == null || !toClose.managed()) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                toClose.close();
            } catch (Exception e) {
                System.err.println("switchboard test-support: closing " + toClose.description() + " failed: " + e);
            }
        }, "switchboard-test-kafka-closer");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(20));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long millisSince(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
