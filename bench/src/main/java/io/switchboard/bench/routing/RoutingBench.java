package io.switchboard.bench.routing;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.switchboard.bench.ChildJvm;
import io.switchboard.bench.Database;
import io.switchboard.bench.Host;
import io.switchboard.bench.KafkaTopics;
import io.switchboard.bench.Run;
import io.switchboard.events.Topics;

/**
 * Assignments per second and the latency from an inbound {@code MessageReceived} to its {@code conversation.assigned}
 * through the packaged routing-service, its own Kafka broker and a fresh PostgreSQL database; next to it, the same
 * records produced and consumed raw on the same broker, the physical reference. A tool, not a test: see
 * bench/README.md, section Routing.
 */
public final class RoutingBench {

    /** The topics routing reads and writes (events module's Topics, copied: see KafkaTopics). */
    private static final String INBOUND = Topics.INBOUND;
    private static final String AGENTS = Topics.AGENTS;
    private static final String ROUTING = Topics.ROUTING;
    /** The reference's topic: nobody but the bench reads it. */
    private static final String RAW = "switchboard.bench.routing-raw.v1";
    private static final String ASSIGNED = "switchboard.conversation.assigned";
    private static final String ACCOUNT = "106540352242922";
    private static final String USAGE = String.join("\n",
            "usage: java -cp bench/target/bench.jar io.switchboard.bench.routing.RoutingBench [flags]",
            "  --conversations 2000   new conversations of the measured open-loop phase",
            "  --rate 50              their arrival rate, messages per second",
            "  --agents 20            available agents; each gets capacity for its share of every conversation",
            "  --warmup 500           conversations at --rate before, unmeasured (JIT, consumer group join)",
            "  --probe 2000           conversations published at once after, the max probe; 0 skips it",
            "  --timeout 300s         longest wait for a phase's assignments after its last publish",
            "  --replicas 1           routing-service replicas (one consumer group, one database)",
            "  --limit-connections 8  the database limit: JDBC connections running routing's transaction",
            "  --limit-duration 10s   the database limit: measured time (after 3 s unmeasured); 0 skips it",
            "  --pg-url URL           a server where the user may CREATE DATABASE (default: as the tests find one)",
            "  --routing-jar routing-service/target/quarkus-app/quarkus-run.jar",
            "  --bootstrap host:port  use a running broker instead of starting one",
            "  --jvm-opts '-Xms256m -Xmx512m'   routing-service's JVM flags (also -D settings)",
            "  --keep                 keep the temporary directory (broker data, service log) and the database");

    private final Run run;
    private final List<ChildJvm> replicasStarted = new ArrayList<>();
    private final String runId = UUID.randomUUID().toString().substring(0, 8);

    private RoutingBench(Run run) {
        this.run = run;
    }

    public static void main(String[] args) {
        Run.main(args, USAGE, run -> new RoutingBench(run).run());
    }

    private boolean run() throws Exception {
        int conversations = positive("conversations", "2000");
        double rate = Double.parseDouble(flag("rate", "50"));
        if (!(rate > 0)) {
            throw new IllegalArgumentException("--rate must be positive");
        }
        int agents = positive("agents", "20");
        int warmup = Math.max(0, Integer.parseInt(flag("warmup", "500")));
        int probe = Math.max(0, Integer.parseInt(flag("probe", "2000")));
        Duration timeout = Host.duration(flag("timeout", "300s"));
        // No conversation is resolved: capacity for all of them means every one is assigned at once, never queued.
        int capacity = (warmup + conversations + probe + agents - 1) / agents;
        Path jar = Path.of(flag("routing-jar", "routing-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -q -pl routing-service,bench -am package "
                    + "-DskipTests");
        }
        say("run " + runId + ": " + conversations + " conversations at " + rate + "/s after " + warmup
                + " warm-up, probe " + probe + " at once; " + agents + " agents x capacity " + capacity + "; "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average " + Host.loadAverage());
        Path work = run.workDir("switchboard-bench-routing-");
        String bootstrap = run.kafka(work, KafkaTopics.contractAnd(RAW));
        Database database = run.database(work, "switchboard_routing_bench_" + runId);

        int replicas = positive("replicas", "1");
        for (int i = 0; i < replicas; i++) {
            int httpPort = Host.freePort();
            ChildJvm routing = startRouting(jar, work, bootstrap, database, httpPort, i);
            run.onStop(() -> routing.stop(20));
            if (i == 0) {
                // The first one alone runs the migration; the others start against the migrated schema.
                routing.awaitReady();
            }
            replicasStarted.add(routing);
        }
        for (int i = 1; i < replicas; i++) {
            replicasStarted.get(i).awaitReady();
        }
        say(replicas + " routing-service replica(s) ready");

        Watcher watcher = new Watcher(bootstrap);
        run.onStop(watcher::close);
        watcher.start();
        try (KafkaProducer<String, byte[]> producer = Run.producer(bootstrap, 1)) {
            for (int i = 0; i < agents; i++) {
                publishAgent(producer, i, capacity);
            }
            producer.flush();
            awaitAgents(database, agents);

            DatabaseLimit.Result limit = null;
            Duration limitFor = Host.duration(flag("limit-duration", "10s"));
            if (!limitFor.isZero()) {
                int connections = positive("limit-connections", "8");
                say("database limit: routing's transaction from JDBC, " + connections + " connections, 3 s + "
                        + limitFor.toSeconds() + " s");
                limit = DatabaseLimit.measure(database, connections, agents, 3, limitFor.toMillis() / 1000.0);
                say(String.format(Locale.ROOT, "  %.1f transactions/s", limit.perSecond()));
            }

            Map<String, Result> results = new LinkedHashMap<>();
            say("reference: raw Kafka produce -> consume, " + conversations + " records at " + rate + "/s");
            results.put("raw, open loop", phase(producer, watcher, RAW, "r", conversations, rate, timeout));
            if (warmup > 0) {
                say("routing: warm-up, " + warmup + " conversations at " + rate + "/s (unmeasured)");
                phase(producer, watcher, INBOUND, "w", warmup, rate, timeout);
            }
            say("routing: " + conversations + " conversations at " + rate + "/s");
            results.put("routing, open loop", phase(producer, watcher, INBOUND, "m", conversations, rate, timeout));
            if (probe > 0) {
                say("max probe: " + probe + " records at once, raw then routing");
                results.put("raw, max probe", phase(producer, watcher, RAW, "q", probe, 0, timeout));
                results.put("routing, max probe", phase(producer, watcher, INBOUND, "p", probe, 0, timeout));
            }
            Thread.sleep(2_000); // A second assignment of a conversation would come late: let it show.
            print(results, limit, replicas);
            return check(watcher, warmup + conversations + probe, capacity);
        }
    }

    /**
     * Publishes {@code count} first messages of new conversations and waits until the watcher saw each one's outcome
     * (the raw record itself, or its assignment). Open loop at {@code rate}: message i is due at t0 + i / rate and
     * its latency counts from then; rate 0 publishes all at once, latency from the send.
     */
    private Result phase(KafkaProducer<String, byte[]> producer, Watcher watcher, String topic, String phase,
            int count, double rate, Duration timeout) throws InterruptedException {
        Map<String, Long> dueAt = new HashMap<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            long due = rate > 0 ? t0 + (long) (i * 1e9 / rate) : System.nanoTime();
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
            String user = runId + "-" + phase + i;
            String key = "wa:" + ACCOUNT + ":" + user;
            dueAt.put(key, due);
            producer.send(message(topic, key, user));
        }
        producer.flush();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (watcher.seen(dueAt.keySet()) < count && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        Histogram latency = new Histogram(3_600_000_000L, 3);
        long last = t0;
        int seen = 0;
        for (Map.Entry<String, Long> e : dueAt.entrySet()) {
            Long at = watcher.firstSeen.get(e.getKey());
            if (at != null) {
                seen++;
                latency.recordValue(Math.max(0, (at - e.getValue()) / 1_000));
                last = Math.max(last, at);
            }
        }
        if (seen < count) {
            say("  only " + seen + " of " + count + " within " + timeout.toSeconds() + " s after the last publish");
        }
        return new Result(count, rate, seen, (last - t0) / 1e9, latency);
    }

    /** What a phase measured: {@code seconds} from its first due time to its last outcome. */
    private record Result(int offered, double rate, int seen, double seconds, Histogram latency) {

        double perSecond() {
            return seconds > 0 ? seen / seconds : 0;
        }

        double ms(double percentile) {
            return latency.getValueAtPercentile(percentile) / 1000.0;
        }
    }

    private static void print(Map<String, Result> results, DatabaseLimit.Result limit, int replicas) {
        System.out.println();
        System.out.println("| phase | offered/s | done/s | n | p50 ms | p99 ms | max ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|");
        results.forEach((name, r) -> System.out.printf(Locale.ROOT, "| %s | %s | %.1f | %d | %.1f | %.1f | %.1f |%n",
                name, r.rate() > 0 ? String.format(Locale.ROOT, "%.0f", r.rate()) : "at once", r.perSecond(),
                r.seen(), r.ms(50), r.ms(99), r.latency().getMaxValue() / 1000.0));
        for (String load : List.of("open loop", "max probe")) {
            Result raw = results.get("raw, " + load);
            Result routing = results.get("routing, " + load);
            if (raw != null && routing != null && routing.seen() > 0 && raw.seen() > 0) {
                System.out.printf(Locale.ROOT, "routing / raw, %s: throughput %.2f, p50 x%.1f, p99 x%.1f%n", load,
                        routing.perSecond() / raw.perSecond(), routing.ms(50) / Math.max(0.001, raw.ms(50)),
                        routing.ms(99) / Math.max(0.001, raw.ms(99)));
            }
        }
        Result probe = results.get("routing, max probe");
        if (limit != null && probe != null && probe.seen() > 0) {
            System.out.printf(Locale.ROOT, "routing / database limit, max probe: %.1f / %.1f per second = %.2f"
                    + " (%d replica(s); limit: routing's transaction from JDBC, %d connections)%n", probe.perSecond(),
                    limit.perSecond(), probe.perSecond() / limit.perSecond(), replicas, limit.connections());
        }
        System.out.println();
    }

    /** Every conversation published to routing assigned exactly once, and no agent above its capacity. */
    private boolean check(Watcher watcher, int published, int capacity) {
        long once = watcher.assignments.values().stream().filter(n -> n.get() == 1).count();
        long more = watcher.assignments.values().stream().filter(n -> n.get() > 1).count();
        int busiest = watcher.perAgent.values().stream().mapToInt(AtomicInteger::get).max().orElse(0);
        boolean ok = once == published && more == 0 && busiest <= capacity;
        say("check: " + published + " conversations published to routing, " + once + " assigned exactly once, "
                + more + " more than once, " + (published - once - more) + " never; busiest agent " + busiest
                + " of capacity " + capacity + ": " + (ok ? "OK" : "FAILED"));
        say("load average at the end " + Host.loadAverage());
        return ok;
    }

    /**
     * Reads the raw topic and routing's output from the start, on the bench's clock: when it first saw each raw
     * record's key or each conversation's {@code assigned}, how often each conversation was assigned, and to whom.
     */
    private static final class Watcher extends Thread {

        final Map<String, Long> firstSeen = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> assignments = new ConcurrentHashMap<>();
        final Map<String, AtomicInteger> perAgent = new ConcurrentHashMap<>();
        private final KafkaConsumer<String, byte[]> consumer;
        private volatile boolean running = true;

        Watcher(String bootstrap) {
            super("watcher");
            setDaemon(true);
            Properties p = new Properties();
            p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
            consumer = new KafkaConsumer<>(p, new StringDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(RAW, ROUTING)) {
                consumer.partitionsFor(topic).forEach(i -> partitions.add(new TopicPartition(topic, i.partition())));
            }
            consumer.assign(partitions);
        }

        @Override
        public void run() {
            try {
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                        long now = System.nanoTime();
                        if (RAW.equals(record.topic())) {
                            firstSeen.putIfAbsent(record.key(), now);
                        } else if (ASSIGNED.equals(header(record, "ce_type"))) {
                            firstSeen.putIfAbsent(record.key(), now);
                            assignments.computeIfAbsent(record.key(), k -> new AtomicInteger()).incrementAndGet();
                            perAgent.computeIfAbsent(agentId(record.value()), k -> new AtomicInteger())
                                    .incrementAndGet();
                        }
                    }
                }
            } catch (WakeupException e) {
                // Closing.
            } finally {
                consumer.close(Duration.ofSeconds(5));
            }
        }

        int seen(Iterable<String> keys) {
            int n = 0;
            for (String key : keys) {
                n += firstSeen.containsKey(key) ? 1 : 0;
            }
            return n;
        }

        void close() {
            running = false;
            consumer.wakeup();
        }

        /** The agentId field of a ConversationAssigned, as the events module's Jackson writes it (no spaces). */
        private static String agentId(byte[] value) {
            String json = new String(value, StandardCharsets.UTF_8);
            int start = json.indexOf("\"agentId\":\"") + "\"agentId\":\"".length();
            return start < "\"agentId\":\"".length() ? "?" : json.substring(start, json.indexOf('"', start));
        }

        private static String header(ConsumerRecord<String, byte[]> record, String name) {
            Header h = record.headers().lastHeader(name);
            return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
        }
    }

    /** The first text message of a new WhatsApp conversation, as ingress publishes it (MessageReceived). */
    private ProducerRecord<String, byte[]> message(String topic, String key, String user) {
        String id = "wa:wamid.bench-" + runId + "-" + user;
        String now = Instant.now().toString();
        String json = "{\"eventId\":\"" + id + "\",\"channel\":\"whatsapp\",\"channelAccountId\":\"" + ACCOUNT + "\","
                + "\"conversationKey\":\"" + key + "\",\"customer\":{\"externalUserId\":\"" + user + "\","
                + "\"identities\":{\"wa_id\":\"" + user + "\"}},\"externalMessageId\":\"wamid.bench-" + runId + "-"
                + user + "\",\"occurredAt\":\"" + now + "\",\"receivedAt\":\"" + now + "\",\"content\":{\"type\":"
                + "\"text\",\"text\":\"hello\"},\"raw\":{\"topic\":\"switchboard.raw-webhooks.v1\",\"partition\":0,"
                + "\"offset\":0}}";
        return cloudEvent(topic, key, id, "switchboard.message.received", now, json);
    }

    /** An available agent with room for {@code capacity} WhatsApp conversations (AgentStateChanged, full state). */
    private void publishAgent(KafkaProducer<String, byte[]> producer, int i, int capacity) {
        String agent = "bench-agent-" + i;
        String now = Instant.now().toString();
        // Idle for i minutes: a distinct longest-idle order, as a real team has.
        String since = Instant.now().minusSeconds(60L * (i + 1)).toString();
        String json = "{\"eventId\":\"" + agent + ":1\",\"agentId\":\"" + agent + "\",\"displayName\":\"Agent " + i
                + "\",\"languages\":[\"en\"],\"capacity\":{\"whatsapp\":" + capacity + "},\"presence\":\"available\","
                + "\"presenceSince\":\"" + since + "\",\"active\":true,\"version\":1,\"occurredAt\":\"" + now + "\"}";
        producer.send(cloudEvent(AGENTS, agent, agent + ":1", "switchboard.agent.state-changed", now, json));
    }

    /** Binary-mode CloudEvent, the headers events' CloudEventCodec writes and reads. */
    private static ProducerRecord<String, byte[]> cloudEvent(String topic, String key, String id, String type,
            String time, String json) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, json.getBytes(StandardCharsets.UTF_8));
        for (String[] h : new String[][] {{"ce_specversion", "1.0"}, {"ce_id", id}, {"ce_source", "/switchboard/bench"},
                {"ce_type", type}, {"ce_subject", key}, {"ce_time", time}, {"content-type", "application/json"}}) {
            record.headers().add(h[0], h[1].getBytes(StandardCharsets.UTF_8));
        }
        return record;
    }

    private static void awaitAgents(Database database, int agents) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        long known = 0;
        while (System.nanoTime() < deadline) {
            known = database.count("SELECT count(*) FROM routing.agents WHERE presence = 'available'");
            if (known == agents) {
                say(agents + " agents available in routing's database");
                return;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("routing knows " + known + " of " + agents + " agents after 60 s");
    }

    private ChildJvm startRouting(Path jar, Path work, String bootstrap, Database database, int httpPort,
            int replica) throws Exception {
        // One catch-all queue, assigned without an offer: each conversation is one routing decision, no agent replies.
        Path queues = work.resolve("queues.yaml");
        Files.writeString(queues, "queues:\n  - id: default\n    match: \"true\"\n    directAssignment: true\n");
        List<String> args = new ArrayList<>(List.of(flag("jvm-opts", "-Xms256m -Xmx512m").split(" ")));
        args.add("-jar");
        args.add(jar.toAbsolutePath().toString());
        Map<String, String> env = Run.serviceEnv(bootstrap, database, httpPort);
        env.put("SWITCHBOARD_ROUTING_QUEUES_FILE", queues.toString());
        env.put("SWITCHBOARD_MESSAGING_TOPICS_CREATE", "true");
        String name = replica == 0 ? "routing" : "routing-" + replica;
        Path log = work.resolve(name + ".log");
        say("routing-service: " + jar + " on port " + httpPort + ", log " + log);
        return ChildJvm.start(name, args, work.resolve(name), env, log);
    }

    private String flag(String name, String fallback) {
        return run.flag(name, fallback);
    }

    private int positive(String name, String fallback) {
        int value = Integer.parseInt(flag(name, fallback));
        if (value <= 0) {
            throw new IllegalArgumentException("--" + name + " must be positive");
        }
        return value;
    }

    private static void say(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }
}
