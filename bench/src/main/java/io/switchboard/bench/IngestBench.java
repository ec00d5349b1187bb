package io.switchboard.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The ingest benchmark (see bench/README.md): a Kafka broker, the packaged ingress-service and the bare endpoint, each
 * in its own JVM on loopback; the same open-loop schedule against the bare endpoint and then ingress at every rate,
 * then a closed-loop max probe of each; the tables; the check that every acknowledged webhook is on its topic.
 * Everything it started is stopped at the end, on failure and on Ctrl-C.
 */
public final class IngestBench {

    private final Options options;
    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    // A fresh secret per run: the bench signs with it, ingress verifies with it.
    private final String appSecret = UUID.randomUUID().toString();
    private final String normalizerGroup = "switchboard-ingress-bench-" + runId;
    private final Deque<Runnable> stops = new ArrayDeque<>();
    private final Report report = new Report();
    private final Map<String, Long> recordsBefore = new HashMap<>();
    private final Map<String, Target> targets = new LinkedHashMap<>();
    private final Map<String, ChildJvm> children = new HashMap<>();
    private KafkaBroker broker;
    private Path work;
    private KafkaTopics topics;
    private LoadGenerator load;
    private boolean stopped;

    private IngestBench(Options options) {
        this.options = options;
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            boolean help = e.getMessage() != null && e.getMessage().isEmpty();
            (help ? System.out : System.err).println((help ? "" : e.getMessage() + "\n") + Options.USAGE);
            System.exit(help ? 0 : 2);
            return;
        }
        IngestBench bench = new IngestBench(options);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!bench.isStopped()) {
                say("interrupted: stopping everything this bench started");
            }
            bench.stopAll();
        }, "bench-stop"));
        int code;
        try {
            code = bench.run() ? 0 : 1;
        } catch (Exception e) {
            if (bench.isStopped()) {
                return;
            }
            StringBuilder why = new StringBuilder(String.valueOf(e.getMessage()));
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                why.append(" <- ").append(c);
            }
            say("FAILED: " + why);
            code = 1;
        }
        bench.stopAll();
        System.exit(code);
    }

    /** Runs everything; false when the record check failed. */
    private boolean run() throws Exception {
        Path checkout = checkout();
        Path benchTarget = Path.of(IngestBench.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .getParent();
        Path ingressJar = options.ingressJar != null ? options.ingressJar
                : checkout.resolve("ingress-service/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(ingressJar)) {
            throw new IllegalStateException(ingressJar + " is missing: build it first, "
                    + "./mvnw -q -pl ingress-service,bench -am package -DskipTests");
        }
        printEnvironment(ingressJar);
        work = Files.createTempDirectory("switchboard-bench-");
        onStop(this::deleteWork);

        String bootstrap = startKafka(benchTarget);
        topics = new KafkaTopics(bootstrap);
        onStop(topics::close);
        topics.createMissing(KafkaTopics.contractAnd(KafkaTopics.BARE));
        for (String topic : List.of(KafkaTopics.RAW_WEBHOOKS, KafkaTopics.BARE, KafkaTopics.DEAD_LETTER)) {
            recordsBefore.put(topic, topics.records(topic));
        }

        startTargets(bootstrap, ingressJar);
        load = new LoadGenerator(new Webhooks(appSecret, runId), options.connections, options.timeout);
        onStop(load::close);
        for (Target t : targets.values()) {
            smokeTest(t);
        }
        if (!options.prime.isZero()) {
            for (Target t : targets.values()) {
                prime(t);
            }
        }

        for (double rate : options.rates) {
            for (Target t : targets.values()) {
                say(String.format(Locale.ROOT, "%s: %.0f req/s, %ss warm-up + %ss measured", t.name, rate,
                        seconds(options.warmup), seconds(options.duration)));
                double[] cpu = cpuNow(t);
                PhaseResult r = load.openLoop(t, rate, options.warmup, options.duration, options.maxOutstanding);
                settle(t);
                summarize(t, r.withCpu(cpuPerRequest(t, cpu, r.answered())));
                Thread.sleep(1000);
            }
        }
        if (!options.probe.isZero()) {
            for (Target t : targets.values()) {
                say(String.format(Locale.ROOT, "%s: max probe, %d connections closed loop, %ss warm-up + %ss measured",
                        t.name, options.connections, seconds(options.probeWarmup), seconds(options.probe)));
                double[] cpu = cpuNow(t);
                PhaseResult r = load.closedLoop(t, options.connections, options.probeWarmup, options.probe);
                settle(t);
                summarize(t, r.withCpu(cpuPerRequest(t, cpu, r.answered())));
                Thread.sleep(1000);
            }
        }

        Map<String, String> titles = new HashMap<>();
        titles.put("bare", "bare endpoint (Vert.x HTTP server -> KafkaProducer, 200 after the ack)");
        titles.put("ingress", "ingress-service (POST /webhooks/meta, quarkus-run.jar)");
        System.out.println(report.render(titles));
        boolean ok = checkRecords();
        say("load average at the end (this bench included): " + loadAverage(false));
        return ok;
    }

    private void printEnvironment(Path ingressJar) {
        say("run " + runId + ", " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        say(String.format("%d CPUs (%s), %s %s", Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("os.name"), System.getProperty("os.arch")));
        say("JVM " + System.getProperty("java.vm.name") + " " + Runtime.version() + " (" + System.getProperty(
                "java.vm.vendor") + "), for the bench and every child JVM: " + ChildJvm.javaExecutable());
        say("target JVM flags: " + String.join(" ", options.jvmOpts) + "; ingress: " + ingressJar);
        say("load generator, broker and both targets share these CPUs; targets run one after the other");
        say("load average at the start: " + loadAverage(true));
    }

    private String startKafka(Path benchTarget) throws Exception {
        if (options.bootstrap != null) {
            say("Kafka: " + options.bootstrap + " (given with --bootstrap, not started here)");
            return options.bootstrap;
        }
        broker = new KafkaBroker(work.resolve("kafka"));
        onStop(broker::stop);
        long t0 = System.nanoTime();
        broker.start(benchTarget.resolve("broker.classpath"));
        say("Kafka 4.1.2 (KRaft, one node) on " + broker.bootstrapServers() + ", ready after "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        return broker.bootstrapServers();
    }

    /** Both JVMs start at once (they are ready sooner), with the same JVM flags and a temporary directory each. */
    private void startTargets(String bootstrap, Path ingressJar) throws Exception {
        ChildJvm bare = null;
        ChildJvm ingress = null;
        int barePort = freePort();
        int ingressPort = freePort();
        int managementPort = -1;
        if (options.targets.contains("bare")) {
            List<String> args = targetJvmArgs("bare");
            args.addAll(List.of("-cp", ownClasspath(), BareEndpoint.class.getName(), "--port",
                    Integer.toString(barePort), "--bootstrap", bootstrap, "--topic", KafkaTopics.BARE, "--key",
                    Webhooks.KAFKA_KEY));
            bare = ChildJvm.start("bare", args, work.resolve("bare"), Map.of(), work.resolve("bare.log"));
            onStop(stopper(bare));
            children.put("bare", bare);
        }
        if (options.targets.contains("ingress")) {
            List<String> args = targetJvmArgs("ingress");
            args.addAll(List.of("-jar", ingressJar.toString()));
            Map<String, String> env = new HashMap<>();
            env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrap);
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("QUARKUS_HTTP_PORT", Integer.toString(ingressPort));
            // Health is on the management interface in a production build: a free port of its own.
            managementPort = freePort();
            env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
            env.put("SWITCHBOARD_INGRESS_META_APP_SECRET", appSecret);
            env.put("SWITCHBOARD_INGRESS_META_VERIFY_TOKEN", "bench-" + runId);
            env.put("SWITCHBOARD_MESSAGING_TOPICS_CREATE", "true");
            // A normalizer group of its own: on a broker given with --bootstrap, it must not join a running ingress's.
            env.put("QUARKUS_KAFKA_STREAMS_APPLICATION_ID", normalizerGroup);
            ingress = ChildJvm.start("ingress", args, work.resolve("ingress"), env, work.resolve("ingress.log"));
            onStop(stopper(ingress));
            children.put("ingress", ingress);
        }
        // In the order of --targets: the order of the phases within each rate.
        for (String name : options.targets) {
            if ("bare".equals(name)) {
                awaitPort(bare, barePort);
                targets.put(name, new Target("bare", barePort, "/", KafkaTopics.BARE));
            } else {
                awaitReady(ingress, managementPort);
                targets.put(name, new Target("ingress", ingressPort, "/webhooks/meta", KafkaTopics.RAW_WEBHOOKS));
            }
        }
    }

    /** The child's java.io.tmpdir is its own: Kafka Streams keeps its state there, RocksDB its native library. */
    private List<String> targetJvmArgs(String name) throws IOException {
        Path tmp = Files.createDirectories(work.resolve(name).resolve("tmp"));
        List<String> args = new ArrayList<>(options.jvmOpts);
        args.add("-Djava.io.tmpdir=" + tmp);
        return args;
    }

    private void awaitPort(ChildJvm child, int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            checkAlive(child);
            try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                say("bare endpoint up on 127.0.0.1:" + port + " (log " + child.log + ")");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the bare endpoint did not listen within 60 s:\n" + child.tail(30));
                }
                Thread.sleep(100);
            }
        }
    }

    /** Ready is what an orchestrator waits for: GET /q/health/ready answers 200. */
    private void awaitReady(ChildJvm child, int port) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long t0 = System.nanoTime();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            checkAlive(child);
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    say("ingress-service ready on 127.0.0.1:" + port + " after "
                            + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms (log " + child.log + ")");
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingress-service not ready within 120 s:\n" + child.tail(30));
            }
            Thread.sleep(250);
        }
    }

    private static void checkAlive(ChildJvm child) {
        if (!child.isAlive()) {
            throw new IllegalStateException(child.name + " exited with code " + child.exitValue() + ":\n"
                    + child.tail(30));
        }
    }

    /** One webhook before any phase: a wrong secret or a broken target fails in seconds, not after the whole run. */
    private void smokeTest(Target t) throws Exception {
        Webhooks smoke = new Webhooks(appSecret, runId + "-smoke");
        Integer status = load.post(t, smoke.next()).toCompletionStage().toCompletableFuture()
                .get(options.timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        if (status / 100 != 2) {
            t.uncertain.incrementAndGet();
            throw new IllegalStateException(t.name + " answered " + status + " to a signed webhook");
        }
        t.acknowledged.incrementAndGet();
    }

    /**
     * Without a warm-up the first phases measure the JIT compiling the target, not the target. Closed loop in rounds
     * of {@value #PRIME_ROUND_SECONDS} s until the target's compiler threads used less than a tenth of a core in a
     * round (at least two rounds), or {@code --prime} is over.
     */
    private void prime(Target t) throws Exception {
        ChildJvm child = children.get(t.name);
        say(t.name + ": JIT warm-up, closed loop, 8 connections, unrecorded, until the JIT compiler is quiet (at most "
                + seconds(options.prime) + " s)");
        long start = System.nanoTime();
        Duration round = Duration.ofSeconds(Math.min(PRIME_ROUND_SECONDS, Math.max(1, options.prime.toSeconds())));
        double share = Double.NaN;
        for (int i = 1; ; i++) {
            double before = child.compilerCpuSeconds();
            load.closedLoop(t, Math.min(8, options.connections), Duration.ZERO, round);
            share = (child.compilerCpuSeconds() - before) / round.toSeconds();
            boolean quiet = i >= 2 && share < 0.1;
            if (quiet || Double.isNaN(share) || System.nanoTime() - start + round.toNanos() > options.prime.toNanos()) {
                break;
            }
        }
        String jit = Double.isNaN(share) ? "JIT compiler activity unknown here (no /proc)"
                : String.format(Locale.ROOT, "JIT compiler threads at %.0f%% of a core in the last round%s",
                        share * 100, share < 0.1 ? "" : " (still compiling)");
        say(String.format(Locale.ROOT, "  %.0f s of warm-up; %s", (System.nanoTime() - start) / 1e9, jit));
        settle(t);
    }

    private static final int PRIME_ROUND_SECONDS = 5;

    private void summarize(Target t, PhaseResult r) {
        report.add(t.name, r);
        say(String.format(Locale.ROOT, "  -> %.1f 2xx/s, %d non-2xx, %d errors, p50 %s ms, p99 %s ms, p99.9 %s ms; "
                + "CPU ms/request: %s %s, broker %s, load generator %s", r.throughput(), r.non2xx(), r.errors(),
                Report.ms(r.millis(50)), Report.ms(r.millis(99)), Report.ms(r.millis(99.9)), t.name,
                Report.ms(r.cpu().target()), Report.ms(r.cpu().broker()), Report.ms(r.cpu().generator())));
    }

    /** After an ingress phase, its normalizer's backlog must not take CPU from the next phase. */
    private void settle(Target t) throws Exception {
        if ("ingress".equals(t.name)) {
            double took = topics.awaitCaughtUp(normalizerGroup, KafkaTopics.RAW_WEBHOOKS, seconds(options.settle));
            say(took < 0 ? "  normalizer still behind after " + seconds(options.settle) + " s, going on"
                    : String.format(Locale.ROOT, "  normalizer caught up %.1f s after the phase", took));
        }
    }

    /** CPU seconds so far of the target's JVM, the broker's and this one (the load generator). */
    private double[] cpuNow(Target t) {
        return new double[] {children.get(t.name).cpuSeconds(), broker == null ? Double.NaN : broker.cpuSeconds(),
                ChildJvm.cpuSeconds(ProcessHandle.current())};
    }

    private PhaseResult.Cpu cpuPerRequest(Target t, double[] before, long requests) {
        double[] after = cpuNow(t);
        double[] perRequest = new double[3];
        for (int i = 0; i < 3; i++) {
            perRequest[i] = requests == 0 ? Double.NaN : (after[i] - before[i]) * 1000 / requests;
        }
        return new PhaseResult.Cpu(perRequest[0], perRequest[1], perRequest[2]);
    }

    /** Every 2xx must be on the target's topic; only requests not answered 2xx may have left a record beyond those. */
    private boolean checkRecords() throws Exception {
        boolean ok = true;
        System.out.println("record check (topic end offsets, whole run: smoke test, warm-ups and probes included)\n");
        System.out.println("| target | topic | answered 2xx | not 2xx / no answer | records appended | result |");
        System.out.println("|---|---|---:|---:|---:|---|");
        for (Target t : targets.values()) {
            long records = topics.records(t.topic) - recordsBefore.get(t.topic);
            long acked = t.acknowledged.get();
            long uncertain = t.uncertain.get();
            String result;
            if (records < acked) {
                result = "LOST " + (acked - records);
                ok = false;
            } else if (records > acked + uncertain) {
                result = "UNEXPECTED " + (records - acked - uncertain) + " extra (another producer on the topic?)";
                ok = false;
            } else {
                result = "OK" + (records > acked ? " (" + (records - acked) + " kept though not answered 2xx)" : "");
            }
            System.out.printf("| %s | %s | %d | %d | %d | %s |%n", t.name, t.topic, acked, uncertain, records, result);
        }
        if (targets.containsKey("ingress")) {
            long lag = topics.lag(normalizerGroup, KafkaTopics.RAW_WEBHOOKS);
            long deadLetters = topics.records(KafkaTopics.DEAD_LETTER) - recordsBefore.get(KafkaTopics.DEAD_LETTER);
            System.out.printf("%nnormalizer: %d raw records not yet normalized; dead-letter topic end offsets +%d "
                    + "(0 expected: every webhook is a valid text message); ingress metrics: %s%n", lag, deadLetters,
                    ingressCounters(targets.get("ingress")));
        }
        return ok;
    }

    /** Ingress's own count of what it normalized: one inbound event per webhook, no duplicates, no dead letters. */
    private static String ingressCounters(Target ingress) {
        HttpRequest metrics = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ingress.port + "/q/metrics"))
                .timeout(Duration.ofSeconds(5)).build();
        try {
            String body = HttpClient.newHttpClient().send(metrics, HttpResponse.BodyHandlers.ofString()).body();
            Map<String, Double> sums = new LinkedHashMap<>();
            for (String name : List.of("switchboard_ingress_events_total", "switchboard_ingress_duplicates_total",
                    "switchboard_ingress_dead_letters_total")) {
                sums.put(name.replace("switchboard_ingress_", ""), body.lines()
                        .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                        .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum());
            }
            return sums.entrySet().stream()
                    .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.0f", e.getValue()))
                    .collect(Collectors.joining(", "));
        } catch (IOException | RuntimeException e) {
            return "unavailable (" + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unavailable";
        }
    }

    private synchronized void onStop(Runnable stop) {
        stops.push(stop);
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    /** Stops what was started, last first: the load, the targets, the broker; then the temporary directory goes. */
    private synchronized void stopAll() {
        if (stopped) {
            return;
        }
        stopped = true;
        while (!stops.isEmpty()) {
            try {
                stops.pop().run();
            } catch (RuntimeException e) {
                say("while stopping: " + e);
            }
        }
    }

    private Runnable stopper(ChildJvm child) {
        return () -> {
            child.stop(20);
            say(child.name + " stopped");
        };
    }

    private void deleteWork() {
        if (options.keep) {
            say("kept " + work + " (broker data, logs of every child JVM)");
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            say("could not delete " + work + ": " + e.getMessage());
        }
    }

    /** The checkout this bench was built in: the first directory above it holding ingress-service. */
    private static Path checkout() throws Exception {
        Path p = Path.of(IngestBench.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        for (Path dir = p; dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("ingress-service"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The bench's own classpath, absolute: the bare endpoint's JVM runs from the same jars. */
    private static String ownClasspath() {
        return Stream.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .map(e -> Path.of(e).toAbsolutePath().toString())
                .collect(Collectors.joining(java.io.File.pathSeparator));
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown model");
        } catch (IOException | RuntimeException e) {
            return "unknown model";
        }
    }

    /** Other processes' load skews latency (not CPU per request): the reader should know how busy the machine was. */
    private static String loadAverage(boolean warn) {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            double one = Double.parseDouble(f[0]);
            int cpus = Runtime.getRuntime().availableProcessors();
            return f[0] + " " + f[1] + " " + f[2] + (warn && one > cpus
                    ? "  (WARNING: busier than its " + cpus + " CPUs before this bench adds anything: latencies "
                            + "are not representative)" : "");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    static void say(String line) {
        System.out.println("[bench] " + line);
        System.out.flush();
    }
}
