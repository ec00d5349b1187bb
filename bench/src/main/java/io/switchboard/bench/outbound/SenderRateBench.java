package io.switchboard.bench.outbound;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import io.switchboard.bench.ChildJvm;
import io.switchboard.bench.Database;
import io.switchboard.bench.Host;
import io.switchboard.bench.KafkaTopics;
import io.switchboard.bench.Run;
import io.switchboard.events.Topics;

/**
 * Drives WhatsApp sender A above its configured rate and sender B at a trickle through the packaged outbound-service,
 * and prints what the stand-in Graph API saw: A's sends per second and the busiest sliding one-second window (must be
 * at most the limit), and B's latency from the command's publish to its Graph call (must stay low while A is
 * throttled). A tool, not a test: see bench/README.md, section Outbound.
 */
public final class SenderRateBench {

    static final String SENDER_A = "106540352242922";
    static final String SENDER_B = "113269274970227";
    private static final String USAGE = String.join("\n",
            "usage: java -cp bench/target/bench.jar io.switchboard.bench.outbound.SenderRateBench [flags]",
            "  --limit 80             sender A's configured messages per second",
            "  --rate-a 200           commands per second offered for sender A",
            "  --rate-b 5             commands per second offered for sender B",
            "  --duration 15s         how long both are offered",
            "  --warmup 5s            unmeasured lead-in, both senders below their limits",
            "  --max-in-flight 4096   outbound-service's switchboard.outbound.max-in-flight",
            "  --replicas 1           outbound-service processes (one consumer group, one database)",
            "  --min-share 0.95       sender A must sustain at least this share of --limit",
            "  --max-b-ratio 3        sender B's p99 may be at most this multiple of raw HTTP's p99",
            "  --pg-url URL           a server where the user may CREATE DATABASE (default: as the tests find one)",
            "  --outbound-jar outbound-service/target/quarkus-app/quarkus-run.jar",
            "  --bootstrap host:port  use a running broker instead of starting one",
            "  --jvm-opts '-Xms256m -Xmx512m'   outbound-service's JVM flags (also -D settings)",
            "  --keep                 keep the temporary directory (broker data, service log) and the database");

    private final Run run;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, Long> publishedAt = new ConcurrentHashMap<>();

    private SenderRateBench(Run run) {
        this.run = run;
    }

    public static void main(String[] args) {
        Run.main(args, USAGE, run -> new SenderRateBench(run).run());
    }

    private boolean run() throws Exception {
        int limit = Integer.parseInt(flag("limit", "80"));
        double rateA = Double.parseDouble(flag("rate-a", "200"));
        double rateB = Double.parseDouble(flag("rate-b", "5"));
        Duration duration = Host.duration(flag("duration", "15s"));
        Duration warmup = Host.duration(flag("warmup", "5s"));
        Path jar = Path.of(flag("outbound-jar", "outbound-service/target/quarkus-app/quarkus-run.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: ./mvnw -q -pl outbound-service,bench -am package "
                    + "-DskipTests");
        }
        say("run " + runId + ": sender A limit " + limit + "/s offered " + rateA + "/s, sender B offered " + rateB
                + "/s, " + duration.toSeconds() + " s measured after " + warmup.toSeconds() + " s warm-up; "
                + Runtime.getRuntime().availableProcessors() + " CPUs, load average " + Host.loadAverage());
        Path work = run.workDir("switchboard-bench-outbound-");
        String bootstrap = run.kafka(work, KafkaTopics.contractAnd());
        Database database = run.database(work, "switchboard_outbound_bench_" + runId);

        GraphStandIn graph = new GraphStandIn();
        run.onStop(graph::close);
        int graphPort = graph.start();
        int replicas = Integer.parseInt(flag("replicas", "1"));
        List<ChildJvm> outbound = new ArrayList<>();
        for (int i = 1; i <= replicas; i++) {
            // One after the other: the first migrates the schema before the next starts.
            ChildJvm replica = startOutbound(jar, work, bootstrap, database, graphPort, Host.freePort(), limit,
                    replicas == 1 ? "outbound" : "outbound-" + i);
            run.onStop(() -> replica.stop(20));
            replica.awaitReady();
            outbound.add(replica);
            say("outbound-service replica " + i + " of " + replicas + " ready");
        }

        try (KafkaProducer<String, byte[]> producer = Run.producer(bootstrap, 0)) {
            if (!warmup.isZero()) {
                say("warm-up: A at " + Math.min(limit / 2, 40) + "/s and B at " + rateB + "/s for "
                        + warmup.toSeconds() + " s");
                offer(producer, Math.min(limit / 2, 40), rateB, warmup, "w");
                awaitArrivals(graph, SENDER_A, "w", Duration.ofSeconds(60));
                Thread.sleep(2_000);
            }
            say("measured: A at " + rateA + "/s and B at " + rateB + "/s for " + duration.toSeconds() + " s, and raw "
                    + "HTTP to the stand-in at " + rateB + "/s as the reference");
            RawHttpReference reference = new RawHttpReference(graphPort, rateB, duration);
            reference.start();
            int[] offered = offer(producer, rateA, rateB, duration, "m");
            reference.join();
            Duration drain = Duration.ofSeconds((long) (offered[0] / (limit * 0.9)) + 60);
            boolean allA = awaitCount(graph, SENDER_A, "m", offered[0], drain);
            boolean allB = awaitCount(graph, SENDER_B, "m", offered[1], Duration.ofSeconds(30));
            boolean ok = report(graph, limit, offered, allA && allB, reference.latencies(graph), replicas);
            for (ChildJvm replica : outbound) {
                printServiceTimers(replica.healthPort());
            }
            return ok;
        }
    }

    /** Open loop: command i of a sender is due at t0 + i / rate, published then whatever came before. */
    private int[] offer(KafkaProducer<String, byte[]> producer, double rateA, double rateB, Duration duration,
            String phase) {
        long t0 = System.nanoTime();
        long end = t0 + duration.toNanos();
        long intervalA = (long) (1e9 / rateA);
        long intervalB = (long) (1e9 / rateB);
        int a = 0;
        int b = 0;
        while (true) {
            long dueA = t0 + a * intervalA;
            long dueB = t0 + b * intervalB;
            long due = Math.min(dueA, dueB);
            if (due >= end) {
                break;
            }
            long sleep = due - System.nanoTime();
            if (sleep > 0) {
                LockSupport.parkNanos(sleep);
            }
            if (dueA <= dueB) {
                publish(producer, SENDER_A, phone(phase, "5", a++));
            } else {
                publish(producer, SENDER_B, phone(phase, "6", b++));
            }
        }
        producer.flush();
        return new int[] {a, b};
    }

    /** Every command to its own customer: the pair limit never applies, only the sender's rate. */
    private static String phone(String phase, String sender, int i) {
        return ("w".equals(phase) ? "1444" : "1555") + sender + String.format(Locale.ROOT, "%06d", i);
    }

    private void publish(KafkaProducer<String, byte[]> producer, String sender, String phone) {
        String id = "bench-" + runId + "-" + sender + "-" + phone;
        String key = "wa:" + sender + ":" + phone;
        String senderKey = "whatsapp:" + sender; // the Kafka key: the sending account (docs/asyncapi.yaml)
        String now = Instant.now().toString();
        String json = "{\"eventId\":\"" + id + "\",\"channel\":\"whatsapp\",\"channelAccountId\":\"" + sender + "\","
                + "\"conversationKey\":\"" + key + "\",\"recipient\":{\"userId\":\"" + phone + "\",\"phone\":\""
                + phone + "\"},\"content\":{\"kind\":\"template\",\"template\":{\"name\":\"order_update\","
                + "\"language\":\"en_US\",\"components\":[{\"type\":\"body\",\"parameters\":[{\"type\":\"text\","
                + "\"text\":\"" + phone + "\"}]}]}},\"occurredAt\":\"" + now + "\"}";
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.OUTBOUND, senderKey,
                json.getBytes(StandardCharsets.UTF_8));
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", id);
        header(record, "ce_source", "/switchboard/bench");
        header(record, "ce_type", "switchboard.reply.requested");
        header(record, "ce_subject", key);
        header(record, "ce_time", now);
        header(record, "content-type", "application/json");
        publishedAt.put(phone, System.nanoTime());
        producer.send(record);
    }

    private boolean report(GraphStandIn graph, int limit, int[] offered, boolean complete, double[] reference,
            int replicas) {
        List<GraphStandIn.Arrival> a = measured(graph.arrivals(SENDER_A));
        List<GraphStandIn.Arrival> b = measured(graph.arrivals(SENDER_B));
        long[] at = a.stream().mapToLong(GraphStandIn.Arrival::nanos).sorted().toArray();
        System.out.println();
        System.out.println("Sender A (" + SENDER_A + "), limit " + limit + "/s: " + offered[0] + " commands offered, "
                + a.size() + " sends seen, " + distinct(a) + " distinct customers");
        int maxWindow = 0;
        double sustained = 0;
        if (at.length > 0) {
            StringBuilder perSecond = new StringBuilder("  sends per second (from its first send):");
            int second = 0;
            int count = 0;
            for (long t : at) {
                while (t - at[0] >= (second + 1) * 1_000_000_000L) {
                    perSecond.append(' ').append(count);
                    second++;
                    count = 0;
                }
                count++;
            }
            perSecond.append(' ').append(count).append(" (last second partial)");
            System.out.println(perSecond);
            int j = 0;
            for (int i = 0; i < at.length; i++) {
                while (j < at.length && at[j] - at[i] < 1_000_000_000L) {
                    j++;
                }
                maxWindow = Math.max(maxWindow, j - i);
            }
            double seconds = (at[at.length - 1] - at[0]) / 1e9;
            System.out.printf(Locale.ROOT, "  busiest sliding 1-second window: %d sends (limit %d): %s%n", maxWindow,
                    limit, maxWindow <= limit ? "HELD" : "EXCEEDED");
            sustained = (at.length - 1) / seconds;
            System.out.printf(Locale.ROOT, "  sustained: %.1f sends/s over %.1f s%n", sustained, seconds);
        }
        double[] latencies = latencies(b);
        double[] warmup = latencies(graph.arrivals(SENDER_B).stream().filter(x -> x.to().startsWith("1444"))
                .collect(Collectors.toList()));
        System.out.println("Sender B (" + SENDER_B + "): " + offered[1] + " commands offered, " + b.size()
                + " sends seen, " + distinct(b) + " distinct customers");
        printLatencies("publish -> Graph call, while A is throttled", latencies);
        printLatencies("publish -> Graph call, warm-up (A under its limit)", warmup);
        System.out.println("Reference, same run: raw HTTP from the bench to the stand-in at B's rate");
        printLatencies("request -> arrival", reference);
        if (latencies.length > 0 && reference.length > 0) {
            System.out.printf(Locale.ROOT, "  B while A is throttled / raw HTTP: p50 x%.0f, p99 x%.0f%n",
                    percentile(latencies, 50) / percentile(reference, 50),
                    percentile(latencies, 99) / percentile(reference, 99));
        }
        System.out.println();
        long lost = Math.max(0, offered[0] - distinct(a)) + Math.max(0, offered[1] - distinct(b));
        long duplicates = (a.size() - distinct(a)) + (b.size() - distinct(b));
        double minShare = Double.parseDouble(flag("min-share", "0.95"));
        double maxBRatio = Double.parseDouble(flag("max-b-ratio", "3"));
        double bP99 = latencies.length == 0 ? Double.NaN : percentile(latencies, 99);
        double rawP99 = reference.length == 0 ? Double.NaN : percentile(reference, 99);
        System.out.println("Checks (" + replicas + " outbound replica" + (replicas == 1 ? "" : "s") + "): figure, "
                + "its limit, ratio");
        boolean ok = true;
        ok &= check(String.format(Locale.ROOT, "A sustained %.1f sends/s against the limit %d: x%.3f (at least %.2f)",
                sustained, limit, sustained / limit, minShare), sustained >= minShare * limit);
        ok &= check(String.format(Locale.ROOT, "A busiest sliding second %d sends against the limit %d: x%.3f (at most "
                + "1.00)", maxWindow, limit, (double) maxWindow / limit), maxWindow <= limit);
        ok &= check(String.format(Locale.ROOT, "B p99 %.1f ms against raw HTTP p99 %.1f ms: x%.2f (at most %.1f)", bP99,
                rawP99, bP99 / rawP99, maxBRatio), bP99 <= maxBRatio * rawP99);
        ok &= check("lost " + lost + " (every command sent), duplicates " + duplicates + " (none sent twice)",
                complete && lost == 0 && duplicates == 0);
        say("verdict: " + (ok ? "PASS" : "FAIL") + "; load average at the end " + Host.loadAverage());
        return ok;
    }

    private static boolean check(String line, boolean passed) {
        System.out.println("  " + (passed ? "PASS  " : "FAIL  ") + line);
        return passed;
    }

    private double[] latencies(List<GraphStandIn.Arrival> arrivals) {
        return arrivals.stream().mapToDouble(x -> (x.nanos() - publishedAt.get(x.to())) / 1e6).sorted().toArray();
    }

    private static void printLatencies(String what, double[] sorted) {
        if (sorted.length == 0) {
            System.out.println("  " + what + ": none");
            return;
        }
        System.out.printf(Locale.ROOT, "  %s, ms: p50 %.1f  p99 %.1f  max %.1f  (n %d)%n", what,
                percentile(sorted, 50), percentile(sorted, 99), sorted[sorted.length - 1], sorted.length);
    }

    /** The service's own account of where commands waited, per sender (its /q/metrics). */
    private static void printServiceTimers(int port) {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + port + "/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            System.out.println("outbound-service, where a command waits, per sender (seconds; quantiles decay over "
                    + "the last minutes): intake = Kafka timestamp -> read, worker_wait = due step -> worker, step = "
                    + "a step's database, call and result ack");
            metrics.lines().filter(line -> line.startsWith("switchboard_outbound_") && line.contains("_seconds"))
                    .filter(line -> line.contains("quantile") || line.contains("_max"))
                    .sorted().forEach(line -> System.out.println("  " + line));
            System.out.println();
        } catch (IOException | InterruptedException e) {
            say("could not read /q/metrics: " + e);
        }
    }

    /**
     * The physical floor for B's latency on this machine and this load: the bench posting a send body straight to the
     * stand-in, open loop at B's rate, timed from the request to the stand-in's arrival stamp (the same clock).
     */
    private final class RawHttpReference extends Thread {

        private static final String REFERENCE_NUMBER = "999000999";
        private final int port;
        private final double rate;
        private final Duration duration;
        private final HttpClient client = HttpClient.newHttpClient();
        private final Map<String, Long> sentAt = new ConcurrentHashMap<>();

        RawHttpReference(int port, double rate, Duration duration) {
            super("raw-http-reference");
            this.port = port;
            this.rate = rate;
            this.duration = duration;
            setDaemon(true);
        }

        @Override
        public void run() {
            long t0 = System.nanoTime();
            long interval = (long) (1e9 / rate);
            for (int i = 0; t0 + i * interval < t0 + duration.toNanos(); i++) {
                long sleep = t0 + i * interval - System.nanoTime();
                if (sleep > 0) {
                    LockSupport.parkNanos(sleep);
                }
                String to = "1777" + String.format(Locale.ROOT, "%06d", i);
                sentAt.put(to, System.nanoTime());
                try {
                    client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v25.0/"
                            + REFERENCE_NUMBER + "/messages")).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"messaging_product\":\"whatsapp\",\"to\":\"+"
                                    + to + "\",\"type\":\"text\",\"text\":{\"body\":\"reference\"}}")).build(),
                            HttpResponse.BodyHandlers.discarding());
                } catch (IOException | InterruptedException e) {
                    say("reference request failed: " + e);
                }
            }
        }

        double[] latencies(GraphStandIn graph) {
            return graph.arrivals(REFERENCE_NUMBER).stream().filter(x -> sentAt.containsKey(x.to()))
                    .mapToDouble(x -> (x.nanos() - sentAt.get(x.to())) / 1e6).sorted().toArray();
        }
    }

    private static List<GraphStandIn.Arrival> measured(List<GraphStandIn.Arrival> all) {
        return all.stream().filter(x -> x.to().startsWith("1555")).collect(Collectors.toList());
    }

    private static long distinct(List<GraphStandIn.Arrival> arrivals) {
        return arrivals.stream().map(GraphStandIn.Arrival::to).distinct().count();
    }

    private static double percentile(double[] sorted, double p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private ChildJvm startOutbound(Path jar, Path work, String bootstrap, Database database, int graphPort,
            int httpPort, int limit, String name) throws IOException {
        List<String> args = new ArrayList<>(List.of(flag("jvm-opts", "-Xms256m -Xmx512m").split(" ")));
        String graph = "http://127.0.0.1:" + graphPort;
        for (String sender : List.of(SENDER_A, SENDER_B)) {
            String prefix = "-Dswitchboard.outbound.accounts." + sender + ".";
            args.add(prefix + "channel=whatsapp");
            args.add(prefix + "base-url=" + graph);
            args.add(prefix + "access-token=bench-token");
            args.add(prefix + "messages-per-second=" + limit);
        }
        args.add("-Dswitchboard.outbound.max-in-flight=" + flag("max-in-flight", "4096"));
        args.add("-jar");
        args.add(jar.toAbsolutePath().toString());
        Map<String, String> env = Run.serviceEnv(bootstrap, database, httpPort);
        Path log = work.resolve(name + ".log");
        say(name + ": " + jar + " on port " + httpPort + ", Graph stand-in on " + graphPort + ", log " + log);
        return ChildJvm.start(name, args, work.resolve(name), env, log);
    }

    private static void awaitArrivals(GraphStandIn graph, String sender, String phase, Duration quiet)
            throws InterruptedException {
        // Until no new send of the phase for a second: the warm-up's commands are all through.
        long seen = -1;
        long deadline = System.nanoTime() + quiet.toNanos();
        while (System.nanoTime() < deadline) {
            long now = graph.arrivals(sender).size();
            if (now == seen && now > 0) {
                return;
            }
            seen = now;
            Thread.sleep(1_000);
        }
    }

    private static boolean awaitCount(GraphStandIn graph, String sender, String phase, int count, Duration max)
            throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline) {
            if (measured(graph.arrivals(sender)).size() >= count) {
                Thread.sleep(1_000); // Anything beyond the count would be a duplicate: let it show.
                return true;
            }
            Thread.sleep(200);
        }
        say("sender " + sender + ": only " + measured(graph.arrivals(sender)).size() + " of " + count + " sent within "
                + max.toSeconds() + " s");
        return false;
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private String flag(String name, String fallback) {
        return run.flag(name, fallback);
    }

    static void say(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }
}
