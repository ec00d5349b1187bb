package io.switchboard.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.Uuid;

/**
 * A single-node KRaft Kafka (broker and controller in one process) in a JVM of its own, with its storage under
 * {@code .local/kafka}: formatted on the first start, kept across runs.
 */
final class KafkaBroker {

    static final String STARTED_LINE = "Kafka Server started";

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final CountDownLatch started = new CountDownLatch(1);
    private Child child;

    KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Formats the storage if needed and starts the broker's JVM; {@link #awaitStarted()} waits for it. */
    void spawn(Path classpathFile, Path runDir, Path home) throws Exception {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build local-stack first (./mvnw -Prun package)");
        }
        Path data = dir.resolve("data");
        Files.createDirectories(dir.resolve("logs"));
        Path properties = dir.resolve("server.properties");
        Files.writeString(properties, serverProperties(data));
        Path log4j = dir.resolve("log4j2.xml");
        Files.writeString(log4j, log4jConfig(dir.resolve("logs").resolve("server.log")));

        List<String> jvm = List.of("-Xms256m", "-Xmx512m", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", Files.readString(classpathFile).trim());
        if (!Files.exists(data.resolve("meta.properties"))) {
            format(jvm, properties, home);
        }
        child = Child.startJava("kafka", concat(jvm, "kafka.Kafka", properties.toString()), dir, Map.of(), runDir,
                home, line -> {
                    if (line.contains(STARTED_LINE)) {
                        started.countDown();
                    }
                });
    }

    /** Readiness is the broker's own "started" line: it is logged once the broker serves clients. */
    void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!started.await(250, TimeUnit.MILLISECONDS)) {
            if (!child.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + child.process.exitValue()
                        + " (full log: " + dir.resolve("logs/server.log") + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker did not log '" + STARTED_LINE + "' within 90 s");
            }
        }
    }

    /** {@code --standalone}: this node is the whole controller quorum, written into the storage it formats. */
    private void format(List<String> jvm, Path properties, Path home) throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        LocalStack.say("formatting Kafka storage in " + dir.resolve("data") + " (cluster id " + clusterId + ")");
        Child format = Child.startJava("kafka-format", concat(jvm, "kafka.tools.StorageTool", "format", "--standalone",
                "-t", clusterId, "-c", properties.toString()), dir, Map.of(), null, home, null);
        if (!format.process.waitFor(120, TimeUnit.SECONDS) || format.process.exitValue() != 0) {
            format.stop(5);
            throw new IllegalStateException("formatting the Kafka storage failed (see the [kafka-format] lines)");
        }
    }

    Process process() {
        return child.process;
    }

    void stop() {
        if (child != null) {
            child.stop(30);
        }
    }

    private String serverProperties(Path data) {
        return String.join("\n",
                "# Written by the local stack at every start; edit LocalStack/KafkaBroker instead.",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                // Loopback only: nothing outside this machine needs the local broker.
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + data,
                // One node: every internal topic has one replica. The transaction log matters: ingress normalizes
                // with Kafka Streams exactly_once_v2.
                "default.replication.factor=1",
                "min.insync.replicas=1",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "num.partitions=3",
                // Topics come from the launcher's list, as they come from Strimzi in production: a misspelt topic
                // fails loudly instead of appearing with the wrong partitions and settings.
                "auto.create.topics.enable=false",
                // Consumers join at once instead of waiting 3 s for more members that never come.
                "group.initial.rebalance.delay.ms=0",
                "");
    }

    /** Everything into the log file; on the console only warnings and the line that says the broker is ready. */
    private static String log4jConfig(Path logFile) {
        return "<Configuration status=\"warn\" shutdownHook=\"disable\">\n"
                + "  <Appenders>\n"
                + "    <Console name=\"console\" target=\"SYSTEM_OUT\">\n"
                + "      <PatternLayout pattern=\"%-5p %c{1} %m%n\"/>\n"
                + "    </Console>\n"
                + "    <File name=\"file\" fileName=\"" + logFile + "\" append=\"false\">\n"
                + "      <PatternLayout pattern=\"[%d] %p %m (%c)%n\"/>\n"
                + "    </File>\n"
                + "  </Appenders>\n"
                + "  <Loggers>\n"
                + "    <Root level=\"info\">\n"
                + "      <AppenderRef ref=\"file\"/>\n"
                + "      <AppenderRef ref=\"console\" level=\"warn\"/>\n"
                + "    </Root>\n"
                // Kafka warns at every shutdown that it closes a client twice; that belongs in the file only.
                + "    <Logger name=\"org.apache.kafka.clients.NetworkClient\" level=\"info\" additivity=\"false\">\n"
                + "      <AppenderRef ref=\"file\"/>\n"
                + "    </Logger>\n"
                + "    <Logger name=\"kafka.server.KafkaRaftServer\" level=\"info\" additivity=\"false\">\n"
                + "      <AppenderRef ref=\"file\"/>\n"
                + "      <AppenderRef ref=\"console\"/>\n"
                + "    </Logger>\n"
                + "  </Loggers>\n"
                + "</Configuration>\n";
    }

    private static List<String> concat(List<String> head, String... tail) {
        List<String> all = new ArrayList<>(head);
        all.addAll(List.of(tail));
        return all;
    }
}
