package io.switchboard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import io.switchboard.devinfra.FoundPostgres;
import io.switchboard.devinfra.PostgresFinder;

/**
 * One run of a bench: its {@code --flag value} command line, what it started (stopped in reverse order at the end,
 * on failure and on Ctrl-C) and its exit code (0 when its checks passed).
 */
public final class Run {

    /** The bench itself, given its run. Returns whether its checks passed. */
    public interface Body {
        boolean run(Run run) throws Exception;
    }

    /** The finder's URL setting; {@code --pg-url} sets it. */
    static final String PG_URL = "SWITCHBOARD_BENCH_PG_URL";

    private final Map<String, String> flags;
    private final Deque<Runnable> stops = new ArrayDeque<>();

    private Run(Map<String, String> flags) {
        this.flags = flags;
    }

    public static void main(String[] args, String usage, Body body) {
        Map<String, String> flags = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || "--help".equals(args[i])) {
                System.out.println(usage);
                System.exit("--help".equals(args[i]) ? 0 : 2);
            }
            boolean valued = i + 1 < args.length && !args[i + 1].startsWith("--");
            flags.put(args[i].substring(2), valued ? args[++i] : "true");
        }
        Run run = new Run(flags);
        Runtime.getRuntime().addShutdownHook(new Thread(run::stopAll, "bench-stop"));
        boolean ok;
        try {
            ok = body.run(run);
        } catch (Exception e) {
            IngestBench.say("failed: " + e);
            ok = false;
        }
        run.stopAll();
        System.exit(ok ? 0 : 1);
    }

    public String flag(String name, String fallback) {
        return flags.getOrDefault(name, fallback);
    }

    /** The flag's value, or null when absent. */
    public String flag(String name) {
        return flags.get(name);
    }

    public boolean has(String name) {
        return flags.containsKey(name);
    }

    /** A temporary directory for broker data and service logs, deleted at the end unless {@code --keep}. */
    public Path workDir(String prefix) throws Exception {
        Path work = Files.createTempDirectory(prefix);
        boolean keep = has("keep");
        onStop(() -> {
            if (!keep) {
                Host.deleteTree(work);
            }
        });
        return work;
    }

    /** The broker of {@code --bootstrap}, else one started in the work directory; with the topics created. */
    public String kafka(Path work, List<String> topics) throws Exception {
        String bootstrap = flag("bootstrap");
        if (bootstrap == null) {
            KafkaBroker broker = new KafkaBroker(work.resolve("kafka"));
            onStop(broker::stop);
            broker.start(Path.of("bench", "target", "broker.classpath"));
            bootstrap = broker.bootstrapServers();
            IngestBench.say("Kafka 4.1.2 (KRaft, one node) on " + bootstrap);
        }
        try (KafkaTopics admin = new KafkaTopics(bootstrap)) {
            admin.createMissing(topics);
        }
        return bootstrap;
    }

    /**
     * A fresh database, dropped at the end unless {@code --keep}, on the server dev-infra's {@link PostgresFinder}
     * chooses as for the tests and the local stack: {@code --pg-url} (or {@code SWITCHBOARD_BENCH_PG_URL}), else
     * 127.0.0.1:5432, else Testcontainers, else an embedded PostgreSQL in the work directory.
     */
    public Database database(Path work, String name) throws Exception {
        if (flag("pg-url") != null) {
            System.setProperty(PG_URL, flag("pg-url"));
        }
        FoundPostgres found = PostgresFinder.find(PG_URL, work.resolve("pg-embedded"), false);
        onStop(found::close);
        Database database = Database.create(found.server(), name);
        if (!has("keep")) {
            onStop(database::drop);
        }
        IngestBench.say("PostgreSQL database " + name + " created on " + found);
        return database;
    }

    /** The environment of a packaged service under test: its broker, its database, its HTTP port on loopback. */
    public static Map<String, String> serviceEnv(String bootstrap, Database database, int httpPort)
            throws IOException {
        Map<String, String> env = new HashMap<>(database.env());
        env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
        // Health is on the management interface in production builds; its fixed port would collide between
        // replicas and services on one machine, so each child gets a free one (ChildJvm#awaitReady reads it).
        env.put(ChildJvm.MANAGEMENT_PORT, Integer.toString(Host.freePort()));
        return env;
    }

    /** An idempotent {@code acks=all} producer of String keys and byte values, as the services' producers are. */
    public static KafkaProducer<String, byte[]> producer(String bootstrap, int lingerMs) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs));
        return new KafkaProducer<>(p, new StringSerializer(), new ByteArraySerializer());
    }

    public synchronized void onStop(Runnable stop) {
        stops.push(stop);
    }

    private synchronized void stopAll() {
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                IngestBench.say("stopping: " + e);
            }
        }
    }
}
