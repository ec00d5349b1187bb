package io.switchboard.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.switchboard.devinfra.KraftBroker;

/**
 * dev-infra's {@link KraftBroker} inside the test JVM: free loopback ports, a temporary directory, topics created on
 * first use with one partition. {@link #suspend()} shuts the node down cleanly and {@link #resume()} starts it again
 * on the same ports and storage, so topics and committed offsets survive; the broker re-registers with its previous
 * epoch, which the controller accepts at once.
 */
final class InJvmKafkaBroker implements KafkaBroker {

    /** Server-side categories quieted to WARNING unless something configured them (broker INFO is ~1,000 lines). */
    private static final List<String> BROKER_LOG_CATEGORIES = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.network", "org.apache.kafka.security");
    /** Strong references: logger levels live on logger objects a log manager may otherwise collect. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private final KraftBroker broker;

    private InJvmKafkaBroker(KraftBroker broker) {
        this.broker = broker;
    }

    static InJvmKafkaBroker start() throws Exception {
        quietBrokerLogs();
        return new InJvmKafkaBroker(KraftBroker.start(KraftBroker.Settings.ephemeral()));
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String description() {
        return "in-JVM KRaft broker " + broker.bootstrapServers() + " (dev-infra KraftBroker)";
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public void suspend() {
        broker.stop();
    }

    @Override
    public void resume() throws Exception {
        broker.restart();
    }

    @Override
    public void close() {
        broker.close();
    }

    static synchronized void quietBrokerLogs() {
        for (String category : BROKER_LOG_CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
                QUIETED.add(logger);
            }
        }
    }
}
