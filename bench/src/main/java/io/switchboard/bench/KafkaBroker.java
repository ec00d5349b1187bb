package io.switchboard.bench;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.switchboard.devinfra.KraftBroker;
import io.switchboard.devinfra.KraftBrokerMain;

/**
 * dev-infra's KRaft broker in a JVM of its own ({@link KraftBrokerMain}), as local-stack runs it, but on free loopback
 * ports and with its storage in the run's temporary directory: every run starts empty.
 */
public final class KafkaBroker {

    private final Path dir;
    private KraftBrokerMain.Launch launch;
    private ChildJvm child;

    public KafkaBroker(Path dir) {
        this.dir = dir;
    }

    public String bootstrapServers() {
        return launch.bootstrapServers();
    }

    /** Starts the broker's JVM and returns once it answers an AdminClient. */
    public void start(Path classpathFile) throws Exception {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build the bench first (see bench/README.md)");
        }
        Path target = classpathFile.getParent();
        StringBuilder classpath = new StringBuilder();
        // Entries are relative to bench/target (lib/...): resolve them so that the broker's working directory is free.
        for (String entry : Files.readString(classpathFile).trim().split(File.pathSeparator)) {
            classpath.append(classpath.length() == 0 ? "" : File.pathSeparator)
                    .append(target.resolve(entry).toAbsolutePath());
        }
        Files.createDirectories(dir);
        launch = KraftBrokerMain.launch(KraftBroker.Settings.ephemeral().dataDir(dir)
                .partitions(KafkaTopics.PARTITIONS).autoCreateTopics(false), dir, classpath.toString());
        child = ChildJvm.start("kafka", launch.javaArgs(), dir, Map.of(), dir.resolve("console.log"));
        try {
            KraftBroker.awaitReady(launch.bootstrapServers(), 90, child::isAlive);
        } catch (IllegalStateException e) {
            throw new IllegalStateException(e.getMessage() + ":\n" + child.tail(30)
                    + "\n(full log: " + launch.logFile() + ")", e);
        }
    }

    /** CPU seconds the broker has used so far. */
    double cpuSeconds() {
        return child == null ? Double.NaN : child.cpuSeconds();
    }

    public void stop() {
        if (child != null) {
            child.stop(30);
            IngestBench.say("Kafka broker stopped");
        }
    }
}
