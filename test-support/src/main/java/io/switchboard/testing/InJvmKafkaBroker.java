package io.switchboard.testing;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import kafka.server.BrokerServer;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node KRaft cluster (one process with the broker and controller roles) inside the test JVM.
 * <p>
 * Restarting on the same port relies on the test kit's {@code PreboundSocketFactoryManager}: the listener ports are
 * bound before the servers start, and when a restarted {@code BrokerServer} asks for its listener socket again, the
 * factory sees the old channel closed and binds a new one to the same port (its comment: "so the client can
 * reconnect to the same port"). The controller keeps running while the broker is down, so the cluster metadata,
 * topics and committed offsets survive.
 * <p>
 * A cleanly shut down broker stays registered until its heartbeat session expires ({@code broker.session.timeout.ms},
 * 9 s), and the controller rejects the restarted incarnation with {@code DuplicateBrokerRegistrationException} until
 * then. So {@link #suspend()} also unregisters the broker through the controller listener, and the restart takes
 * about a second instead of ten; the broker's replicas and ISR entries are kept, so it leads its partitions again.
 */
final class InJvmKafkaBroker implements KafkaBroker {

    /** Single-broker settings: every internal topic at replication factor 1, so transactions and groups work. */
    static final Map<String, String> BROKER_CONFIG = Map.ofEntries(
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("default.replication.factor", "1"),
            Map.entry("num.partitions", "1"),
            Map.entry("auto.create.topics.enable", "true"),
            Map.entry("group.initial.rebalance.delay.ms", "0"),
            // The test kit turns unstable APIs on by default; services must see what a released broker offers.
            Map.entry("unstable.api.versions.enable", "false"),
            Map.entry("unstable.feature.versions.enable", "false"));

    private static final Logger LOG = Logger.getLogger(InJvmKafkaBroker.class.getName());

    /** Server-side categories quieted to WARNING unless something configured them (broker INFO is ~1,000 lines). */
    private static final List<String> BROKER_LOG_CATEGORIES = List.of("kafka", "state.change.logger",
            "org.apache.kafka.server", "org.apache.kafka.controller", "org.apache.kafka.raft",
            "org.apache.kafka.metadata", "org.apache.kafka.image", "org.apache.kafka.storage",
            "org.apache.kafka.coordinator", "org.apache.kafka.queue", "org.apache.kafka.snapshot",
            "org.apache.kafka.network", "org.apache.kafka.security", "org.apache.kafka.common.test");
    /** Strong references: logger levels live on logger objects a log manager may otherwise collect. */
    private static final List<Logger> QUIETED = new ArrayList<>();

    private final KafkaClusterTestKit cluster;
    private final String bootstrapServers;
    private boolean running = true;

    private InJvmKafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
        this.bootstrapServers = cluster.bootstrapServers();
    }

    static InJvmKafkaBroker start() throws Exception {
        quietBrokerLogs();
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                // Our own directory: the kit's default registers a hook that deletes it while our hook still closes.
                .setBaseDirectory(Files.createTempDirectory("switchboard-kafka-"))
                .build();
        KafkaClusterTestKit.Builder builder = new KafkaClusterTestKit.Builder(nodes);
        BROKER_CONFIG.forEach(builder::setConfigProp);
        KafkaClusterTestKit cluster = builder.build();
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return new InJvmKafkaBroker(cluster);
        } catch (Exception | Error e) {
            try {
                cluster.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String description() {
        return "in-JVM KRaft broker " + bootstrapServers + " (KafkaClusterTestKit)";
    }

    @Override
    public boolean managed() {
        return true;
    }

    @Override
    public void suspend() {
        if (!running) {
            return;
        }
        Map.Entry<Integer, BrokerServer> broker = cluster.brokers().entrySet().iterator().next();
        broker.getValue().shutdown();
        running = false;
        try (Admin controller = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG, cluster.bootstrapControllers()))) {
            controller.unregisterBroker(broker.getKey()).all().get(15, TimeUnit.SECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            // Not fatal: the restart then waits for the old registration's session to expire.
            LOG.log(Level.WARNING, "Could not unregister the stopped broker; its restart will take ~10 s", e);
        }
    }

    @Override
    public void resume() throws Exception {
        if (running) {
            return;
        }
        // startup() returns once the controller has unfenced the broker again.
        broker().startup();
        cluster.waitForReadyBrokers();
        running = true;
        String now = cluster.bootstrapServers();
        if (!now.equals(bootstrapServers)) {
            throw new IllegalStateException("Broker came back on " + now + " instead of " + bootstrapServers);
        }
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }

    private static synchronized void quietBrokerLogs() {
        for (String category : BROKER_LOG_CATEGORIES) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.WARNING);
                QUIETED.add(logger);
            }
        }
    }

    private BrokerServer broker() {
        return cluster.brokers().values().iterator().next();
    }
}
