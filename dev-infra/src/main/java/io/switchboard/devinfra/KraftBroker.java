package io.switchboard.devinfra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * The one single-node KRaft Kafka (broker and controller in one process) that the tests, the local stack and the
 * benches run: in the caller's JVM ({@link #start(Settings)}) or in a child JVM ({@link KraftBrokerMain}). Storage is
 * formatted on the first start ({@code --standalone}: this node is the whole controller quorum) and reused after that.
 * <p>
 * {@link #stop()} shuts the node down and keeps its ports and storage, {@link #restart()} brings it back on the same
 * address with its topics and committed offsets; a cleanly stopped broker re-registers with its previous epoch, so
 * the controller takes it back at once instead of waiting for the old session to expire.
 */
public final class KraftBroker implements AutoCloseable {

    /**
     * Where and how the node runs. {@code port} and {@code controllerPort} 0: picked free on loopback at start.
     * {@code dataDir} null: a temporary directory, deleted at {@link #close()}. {@code autoCreateTopics}: tests create
     * topics on first use; the local stack and the benches create the contract's topics and want a misspelt name to
     * fail loudly, as it does with Strimzi in production.
     */
    public record Settings(int port, int controllerPort, Path dataDir, int partitions, boolean autoCreateTopics,
            Map<String, String> overrides, ScramAuth scram) {

        public Settings {
            overrides = Map.copyOf(overrides);
        }

        /** Free ports, a temporary directory, one partition per topic, topics created on first use: for tests. */
        public static Settings ephemeral() {
            return new Settings(0, 0, null, 1, true, Map.of(), null);
        }

        public Settings ports(int newPort, int newControllerPort) {
            return new Settings(newPort, newControllerPort, dataDir, partitions, autoCreateTopics, overrides, scram);
        }

        public Settings dataDir(Path dir) {
            return new Settings(port, controllerPort, dir, partitions, autoCreateTopics, overrides, scram);
        }

        public Settings partitions(int count) {
            return new Settings(port, controllerPort, dataDir, count, autoCreateTopics, overrides, scram);
        }

        public Settings autoCreateTopics(boolean enabled) {
            return new Settings(port, controllerPort, dataDir, partitions, enabled, overrides, scram);
        }

        /** Broker properties on top of {@link KraftBroker#properties}'s, e.g. for a test that needs another limit. */
        public Settings override(String key, String value) {
            Map<String, String> all = new LinkedHashMap<>(overrides);
            all.put(key, value);
            return new Settings(port, controllerPort, dataDir, partitions, autoCreateTopics, all, scram);
        }

        /**
         * Clients must log in with SCRAM-SHA-512 and are allowed only what ACLs grant; {@code auth}'s admin is a
         * super user ({@link ScramAuth}). Without it (the default) the listener is plaintext and everything allowed.
         */
        public Settings scram(ScramAuth auth) {
            return new Settings(port, controllerPort, dataDir, partitions, autoCreateTopics, overrides, auth);
        }
    }

    /**
     * What one node needs besides its listeners: every internal topic at one replica (the transaction log matters:
     * ingress normalizes with Kafka Streams exactly_once_v2), and consumers that join at once instead of waiting 3 s
     * for more members that never come. Also given to a broker in a container (test-support).
     */
    public static final Map<String, String> SINGLE_NODE = Map.ofEntries(
            Map.entry("default.replication.factor", "1"),
            Map.entry("min.insync.replicas", "1"),
            Map.entry("offsets.topic.replication.factor", "1"),
            Map.entry("offsets.topic.num.partitions", "1"),
            Map.entry("transaction.state.log.replication.factor", "1"),
            Map.entry("transaction.state.log.min.isr", "1"),
            Map.entry("transaction.state.log.num.partitions", "1"),
            Map.entry("share.coordinator.state.topic.replication.factor", "1"),
            Map.entry("share.coordinator.state.topic.min.isr", "1"),
            Map.entry("group.initial.rebalance.delay.ms", "0"));

    private final KafkaConfig config;
    private final Path dataDir;
    private final boolean temporary;
    private final int port;
    private final ScramAuth scram;
    private KafkaRaftServer server;

    private KraftBroker(KafkaConfig config, Path dataDir, boolean temporary, int port, ScramAuth scram) {
        this.config = config;
        this.dataDir = dataDir;
        this.temporary = temporary;
        this.port = port;
        this.scram = scram;
    }

    /** Formats the storage if needed, starts the node and returns once the broker serves clients. */
    public static KraftBroker start(Settings settings) throws Exception {
        boolean temporary = settings.dataDir() == null;
        Path dir = temporary ? Files.createTempDirectory("switchboard-kafka-") : settings.dataDir();
        int port = settings.port() == 0 ? freePort() : settings.port();
        int controllerPort = settings.controllerPort() == 0 ? freePort() : settings.controllerPort();
        Properties properties = properties(settings, port, controllerPort, dir.resolve("data"));
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("data").resolve("meta.properties"))) {
            format(properties, dir, settings.scram());
        }
        KraftBroker broker = new KraftBroker(KafkaConfig.fromProps(properties, false), dir, temporary, port,
                settings.scram());
        try {
            broker.startServer();
            return broker;
        } catch (Exception | Error e) {
            try {
                broker.close();
            } catch (Exception suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** The node's properties: one node, so every internal topic has one replica and transactions work. */
    static Properties properties(Settings settings, int port, int controllerPort, Path logDir) {
        Properties p = new Properties();
        p.put("process.roles", "broker,controller");
        p.put("node.id", "1");
        p.put("controller.quorum.bootstrap.servers", "127.0.0.1:" + controllerPort);
        // Loopback only: nothing outside this machine needs a development broker.
        p.put("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        p.put("controller.listener.names", "CONTROLLER");
        p.put("inter.broker.listener.name", "PLAINTEXT");
        p.put("log.dirs", logDir.toString());
        p.putAll(SINGLE_NODE);
        p.put("num.partitions", Integer.toString(settings.partitions()));
        p.put("auto.create.topics.enable", Boolean.toString(settings.autoCreateTopics()));
        if (settings.scram() != null) {
            p.putAll(settings.scram().brokerProperties(port, controllerPort));
        }
        p.putAll(settings.overrides());
        return p;
    }

    private static void format(Properties properties, Path dir, ScramAuth scram) throws IOException {
        Path file = dir.resolve("server.properties");
        try (var out = Files.newBufferedWriter(file)) {
            properties.store(out, "Written by KraftBroker to format the storage");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        List<String> arguments = new ArrayList<>(List.of("format", "--standalone", "-t",
                Uuid.randomUuid().toString(), "-c", file.toString()));
        if (scram != null) {
            arguments.addAll(scram.formatArguments());
        }
        int code;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            code = StorageTool.execute(arguments.toArray(String[]::new), print);
        }
        if (code != 0) {
            throw new IllegalStateException("formatting the Kafka storage in " + dir + " failed (" + code + "): "
                    + output.toString(StandardCharsets.UTF_8));
        }
    }

    private void startServer() throws Exception {
        server = new KafkaRaftServer(config, Time.SYSTEM);
        // Returns once the controller has unfenced the broker.
        server.startup();
        awaitReady(adminProperties(), 60, () -> true);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** What an admin client needs to reach this broker: the address, and the super user's login under SCRAM. */
    public Map<String, Object> adminProperties() {
        return scram == null ? Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers())
                : ScramAuth.clientProperties(bootstrapServers(), scram.adminUser(), scram.adminPassword());
    }

    /** Where the node keeps its storage ({@code data/}). */
    public Path directory() {
        return dataDir;
    }

    public synchronized boolean running() {
        return server != null;
    }

    /** Shuts the node down cleanly; its ports stay reserved for {@link #restart()} by nothing but convention. */
    public synchronized void stop() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            stopping.shutdown();
            stopping.awaitShutdown();
        }
    }

    /** Brings the node back on the same address and storage; returns once it serves clients. */
    public synchronized void restart() throws Exception {
        if (server == null) {
            startServer();
        }
    }

    /** Stops the node and deletes a temporary data directory. */
    @Override
    public synchronized void close() {
        stop();
        if (temporary) {
            deleteTree(dataDir);
        }
    }

    /**
     * Waits until a broker at {@code bootstrap} answers an AdminClient, for up to {@code seconds}; {@code alive} says
     * whether its process is still there (a child JVM that exited is not waited for).
     */
    public static void awaitReady(String bootstrap, long seconds, BooleanSupplier alive)
            throws InterruptedException {
        awaitReady(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), seconds, alive);
    }

    private static void awaitReady(Map<String, Object> client, long seconds, BooleanSupplier alive)
            throws InterruptedException {
        String bootstrap = (String) client.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Map<String, Object> properties = new LinkedHashMap<>(client);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 2000);
        // An unanswered connection is retried quickly rather than logged for every attempt with backoff.
        properties.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 250);
        try (Admin admin = Admin.create(properties)) {
            while (true) {
                if (!alive.getAsBoolean()) {
                    throw new IllegalStateException("the Kafka broker at " + bootstrap + " exited");
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (ExecutionException | TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker at " + bootstrap + " did not answer within "
                                + seconds + " s", e);
                    }
                    Thread.sleep(200);
                }
            }
        }
    }

    /** A port nothing listens on now; the broker binds it a moment later. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // A temporary directory left behind is not worth failing a shutdown for.
        }
    }
}
