package io.switchboard.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka 4.1.2 (broker and controller in one process) in a JVM of its own, as local-stack runs it,
 * but on free loopback ports and with its storage in the run's temporary directory: every run starts empty.
 */
public final class KafkaBroker {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private ChildJvm child;

    public KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Formats the storage, starts the broker and returns once it answers an AdminClient. */
    public void start(Path classpathFile) throws Exception {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build the bench first (see bench/README.md)");
        }
        Path target = classpathFile.getParent();
        StringBuilder classpath = new StringBuilder();
        // Entries are relative to bench/target (lib/...): resolve them so that the broker's working directory is free.
        for (String entry : Files.readString(classpathFile).trim().split(java.io.File.pathSeparator)) {
            classpath.append(classpath.length() == 0 ? "" : java.io.File.pathSeparator)
                    .append(target.resolve(entry).toAbsolutePath());
        }
        Files.createDirectories(dir);
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(dir.resolve("data")));
        Path log4j = dir.resolve("log4j2.xml");
        Files.writeString(log4j, LOG4J);
        List<String> jvm = List.of("-Xms256m", "-Xmx512m", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath.toString());

        ChildJvm format = ChildJvm.start("kafka-format", concat(jvm, "kafka.tools.StorageTool", "format",
                "--standalone", "-t", Uuid.randomUuid().toString(), "-c", properties.toString()), dir, Map.of(),
                dir.resolve("format.log"));
        if (!format.waitFor(120) || format.exitValue() != 0) {
            format.stop(5);
            throw new IllegalStateException("formatting the Kafka storage failed:\n" + format.tail(20));
        }
        child = ChildJvm.start("kafka", concat(jvm, "kafka.Kafka", properties.toString()), dir, Map.of(),
                dir.resolve("server.log"));
        awaitReady();
    }

    private void awaitReady() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        // The port first: an AdminClient would log a warning for every refused connection meanwhile.
        while (!listening()) {
            if (!child.isAlive() || System.nanoTime() > deadline) {
                break;
            }
            Thread.sleep(100);
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                2000))) {
            while (true) {
                if (!child.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited with code " + child.exitValue() + ":\n"
                            + child.tail(30));
                }
                try {
                    admin.describeCluster().nodes().get(2, TimeUnit.SECONDS);
                    return;
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the Kafka broker did not answer within 90 s:\n"
                                + child.tail(30));
                    }
                    Thread.sleep(250);
                }
            }
        }
    }

    /** CPU seconds the broker has used so far. */
    double cpuSeconds() {
        return child == null ? Double.NaN : child.cpuSeconds();
    }

    private boolean listening() {
        try (java.net.Socket s = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    public void stop() {
        if (child != null) {
            child.stop(30);
            IngestBench.say("Kafka broker stopped");
        }
    }

    private String serverProperties(Path data) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                // One node: every internal topic has one replica; ingress normalizes with exactly_once_v2, which needs
                // the transaction log.
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "num.partitions=3",
                "auto.create.topics.enable=false",
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    private static final String LOG4J = String.join("\n",
            "<Configuration status=\"warn\" shutdownHook=\"disable\">",
            "  <Appenders><Console name=\"console\" target=\"SYSTEM_OUT\">",
            "    <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/></Console></Appenders>",
            "  <Loggers><Root level=\"info\"><AppenderRef ref=\"console\"/></Root></Loggers>",
            "</Configuration>", "");

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
