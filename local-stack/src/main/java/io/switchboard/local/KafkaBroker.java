package io.switchboard.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.switchboard.devinfra.KraftBroker;
import io.switchboard.devinfra.KraftBrokerMain;

/**
 * dev-infra's KRaft broker in a JVM of its own ({@link KraftBrokerMain}), with its storage under {@code .local/kafka}:
 * formatted on the first start, kept across runs. Topics are created from the contract, not on first use.
 */
final class KafkaBroker {

    private final Path dir;
    private final int port;
    private final int controllerPort;
    private final CountDownLatch started = new CountDownLatch(1);
    private KraftBrokerMain.Launch launch;
    private Child child;

    KafkaBroker(Path dir, int port, int controllerPort) {
        this.dir = dir;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /** Starts the broker's JVM; {@link #awaitStarted()} waits for it. */
    void spawn(Path classpathFile, Path runDir, Path home) throws Exception {
        if (!Files.isRegularFile(classpathFile)) {
            throw new IllegalStateException(classpathFile + " is missing: build local-stack first (./mvnw -Prun package)");
        }
        // dev-infra (the broker's main class), events, kafka_2.13 and the log binding, as resolved at build time.
        String classpath = Files.readString(classpathFile).trim();
        KraftBroker.Settings settings = KraftBroker.Settings.ephemeral().ports(port, controllerPort).dataDir(dir)
                .partitions(LocalStack.PARTITIONS).autoCreateTopics(false);
        launch = KraftBrokerMain.launch(settings, dir, classpath);
        child = Child.startJava("kafka", launch.javaArgs(), dir, Map.of(), runDir, home, line -> {
            if (line.startsWith(KraftBrokerMain.READY_LINE)) {
                started.countDown();
            }
        });
    }

    /** Readiness is the child's ready line: it prints it once the broker serves clients. */
    void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (!started.await(250, TimeUnit.MILLISECONDS)) {
            if (!child.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited with code " + child.process.exitValue()
                        + " (full log: " + launch.logFile() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Kafka broker did not say '" + KraftBrokerMain.READY_LINE
                        + "' within 90 s (full log: " + launch.logFile() + ")");
            }
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
}
