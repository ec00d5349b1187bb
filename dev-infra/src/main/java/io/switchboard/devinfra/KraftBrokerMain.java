package io.switchboard.devinfra;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@link KraftBroker} in a JVM of its own, as the local stack and the benches run it (their JVM is Maven's or the
 * bench's, and a broker beside it would share its heap and its log configuration). {@link #launch} builds the child's
 * command line; the child prints {@link #READY_LINE} once the broker serves clients and stops cleanly on SIGTERM.
 */
public final class KraftBrokerMain {

    /** Printed on stdout by the child, followed by the bootstrap servers, once the broker serves clients. */
    public static final String READY_LINE = "KraftBroker ready on";

    /** What a launcher runs: the java arguments (without the java executable) and where clients find the broker. */
    public record Launch(List<String> javaArgs, String bootstrapServers, Path logFile) {
    }

    private KraftBrokerMain() {
    }

    /**
     * The command line of a child JVM running the broker with storage in {@code dir}/data and its full log in
     * {@code dir}/logs/server.log (warnings also on the console). Free ports are picked here for ports given as 0, so
     * that the caller knows the address before the child starts. {@code classpath}: this module, Kafka and the log4j
     * binding Kafka logs through.
     */
    public static Launch launch(KraftBroker.Settings settings, Path dir, String classpath) throws IOException {
        int port = settings.port() == 0 ? KraftBroker.freePort() : settings.port();
        int controllerPort = settings.controllerPort() == 0 ? KraftBroker.freePort() : settings.controllerPort();
        Path logFile = dir.resolve("logs").resolve("server.log");
        Files.createDirectories(logFile.getParent());
        Path log4j = dir.resolve("log4j2.xml");
        Files.writeString(log4j, log4jConfig(logFile));
        List<String> args = new ArrayList<>(List.of("-Xms256m", "-Xmx512m", "-Djava.awt.headless=true",
                "-Dlog4j2.configurationFile=" + log4j, "-cp", classpath, KraftBrokerMain.class.getName(),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort),
                "--dir", dir.toString(), "--partitions", Integer.toString(settings.partitions()),
                "--auto-create-topics", Boolean.toString(settings.autoCreateTopics())));
        settings.overrides().forEach((key, value) -> args.addAll(List.of("--set", key + "=" + value)));
        return new Launch(List.copyOf(args), "127.0.0.1:" + port, logFile);
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = new HashMap<>();
        KraftBroker.Settings settings = KraftBroker.Settings.ephemeral();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if ("--set".equals(args[i])) {
                String[] entry = args[i + 1].split("=", 2);
                settings = settings.override(entry[0], entry[1]);
            } else {
                flags.put(args[i], args[i + 1]);
            }
        }
        settings = settings.ports(Integer.parseInt(flags.getOrDefault("--port", "0")),
                        Integer.parseInt(flags.getOrDefault("--controller-port", "0")))
                .dataDir(flags.containsKey("--dir") ? Path.of(flags.get("--dir")) : null)
                .partitions(Integer.parseInt(flags.getOrDefault("--partitions", "1")))
                .autoCreateTopics(Boolean.parseBoolean(flags.getOrDefault("--auto-create-topics", "true")));
        KraftBroker broker = KraftBroker.start(settings);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            broker.close();
            stopped.countDown();
        }, "kraft-broker-stop"));
        System.out.println(READY_LINE + " " + broker.bootstrapServers());
        System.out.flush();
        stopped.await();
    }

    /** Everything into the log file; on the console only warnings (the ready line is printed, not logged). */
    static String log4jConfig(Path logFile) {
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
                + "  </Loggers>\n"
                + "</Configuration>\n";
    }
}
