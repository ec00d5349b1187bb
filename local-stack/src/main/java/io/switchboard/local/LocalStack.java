package io.switchboard.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;

import io.switchboard.devinfra.ContractTopics;
import io.switchboard.events.Topics;
import io.switchboard.local.demo.LocalTokens;
import io.switchboard.local.simulator.GraphSimulator;
import io.switchboard.local.simulator.MetaWebhooks;
import io.switchboard.local.simulator.MetaWebhooks.WhatsAppNumber;

/**
 * Runs Switchboard on a developer's machine until Ctrl-C: PostgreSQL, a Kafka broker, the topics, every packaged
 * service and a printer of the events that pass. Stops, on the way out, everything it started: services first, then
 * the broker, then a PostgreSQL of its own.
 */
public final class LocalStack {

    /** The event contract's topics, from events' {@code Topics}: a topic added there is created here too. */
    static final List<String> TOPICS = ContractTopics.all();
    /** The current state of each agent, keyed by agent id: only the latest record per key matters. */
    static final Set<String> COMPACTED = Set.of(Topics.AGENTS);
    static final int PARTITIONS = 3;
    /** Every topic but the raw webhooks: a demo shows each hop of a message as it passes. */
    static final List<String> PRINTED = TOPICS.stream().filter(t -> !t.equals(Topics.RAW_WEBHOOKS)).toList();

    /** The business the channel simulator plays: the numbers and page of the sample payloads. */
    public static final WhatsAppNumber WHATSAPP_NUMBER = new WhatsAppNumber("102290129340398", "106540352242922",
            "15550783881");
    public static final String MESSENGER_PAGE = "1049387362841023";
    static final String META_APP_SECRET = "test_app_secret";
    static final String SIMULATOR_TOKEN = "local-simulator-token";

    /**
     * The services, in start order. A service that needs PostgreSQL names its database here: the launcher creates it
     * and passes QUARKUS_DATASOURCE_REACTIVE_URL, _USERNAME and _PASSWORD.
     */
    static final List<Service> SERVICES = List.of(
            new Service("ingress", "ingress-service", 8080, null, Map.of(
                    // The key the sample payloads are signed with, so that PostSample's posts verify.
                    "SWITCHBOARD_INGRESS_META_APP_SECRET", META_APP_SECRET,
                    "SWITCHBOARD_INGRESS_META_VERIFY_TOKEN", "switchboard-local",
                    "SWITCHBOARD_INGRESS_CUSTOM_SOURCES_DEMO_SECRET", "demo-secret"),
                    "webhooks /webhooks/meta, /webhooks/custom/demo"),
            new Service("routing", "routing-service", 8082, "switchboard_routing", Map.of(),
                    "/routing/queues (admin), /routing/dry-run (admin, supervisor)"),
            new Service("agent", "agent-service", 8083, "switchboard_agent", Map.of(
                    // A front end under development (vite's default port) may call the API from its own origin.
                    "SWITCHBOARD_AGENT_CORS_ORIGINS", "http://localhost:5173"),
                    "/me (agent), /agents and /conversations (supervisor, admin)"),
            new Service("outbound", "outbound-service", 8084, "switchboard_outbound", Map.of(),
                    "POST /admin/proactive-messages, /admin/accounts/{id}/resume (admin, integration)"));

    private final Path checkout;
    private final Path home;
    private final Path runDir;
    private final String pseudonymSecret = randomSecret();
    private final Map<String, String> summary = new LinkedHashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private Postgres postgres;
    private KafkaBroker broker;
    private EventPrinter printer;
    private GraphSimulator simulator;
    private LocalTokens tokens;
    private String bootstrapServers;
    private volatile boolean stopping;
    private boolean dropDatabasesOnStop;

    /** @param home where the stack keeps its state: {@code .local} for a developer, a fresh directory for a test */
    LocalStack(Path checkout, Path home) {
        this.checkout = checkout;
        this.home = home;
        this.runDir = home.resolve("run");
    }

    public static void main(String[] args) throws Exception {
        Path checkout = checkout();
        LocalStack stack = new LocalStack(checkout, checkout.resolve(".local"));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "local-stack-stop"));
        try {
            stack.start();
        } catch (Exception e) {
            if (stack.isStopping()) {
                return;
            }
            StringBuilder why = new StringBuilder(e.getMessage() == null ? e.toString() : e.getMessage());
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                why.append(" <- ").append(c);
            }
            say("cannot start: " + why);
            System.exit(1);
        }
        if (stack.broker == null) {
            // An external broker: nothing of ours can end on its own, so run until Ctrl-C.
            Thread.currentThread().join();
        }
        int code = stack.broker.process().waitFor();
        if (!stack.isStopping()) {
            say("the Kafka broker exited (code " + code + "): stopping everything");
            System.exit(1);
        }
        // Else the shutdown hook is at work, and the JVM ends when it is done.
    }

    void start() throws Exception {
        say("checkout " + checkout + ", state in " + home);
        Files.createDirectories(home);
        Child.stopLeftovers(runDir, home);
        startPostgres();
        startKafka();
        createTopics();
        synchronized (this) {
            checkNotStopping();
            printer = new EventPrinter(bootstrapServers, PRINTED);
            printer.start();
        }
        startSimulator();
        startServices();
        if (!stopping) {
            printSummary();
        }
    }

    private void startPostgres() throws Exception {
        String mode = setting("switchboard.local.pg", "auto");
        List<String> databases = SERVICES.stream().map(LocalStack::database).filter(d -> d != null)
                .collect(Collectors.toList());
        if ("off".equals(mode)) {
            summary.put("postgres", "off (-Dswitchboard.local.pg=off)");
            return;
        }
        if (!"auto".equals(mode)) {
            throw new IllegalStateException("switchboard.local.pg=" + mode + " is not a mode: auto or off (to force the "
                    + "embedded PostgreSQL, set -Dswitchboard.pg=embedded or SWITCHBOARD_PG=embedded)");
        }
        synchronized (this) {
            checkNotStopping();
            try {
                postgres = Postgres.findOrStart(home);
            } catch (IllegalArgumentException e) {
                throw e; // a misspelt setting is the user's to fix, not a reason to run without a database
            } catch (RuntimeException e) {
                say("PostgreSQL unavailable: " + e.getMessage());
                say("going on without it; services that need a database are not started");
                summary.put("postgres", "unavailable: " + e.getMessage());
                return;
            }
        }
        try {
            postgres.check();
            say("PostgreSQL: " + postgres);
            postgres.createDatabases(databases);
            summary.put("postgres", postgres + (databases.isEmpty() ? ", no service needs a database yet"
                    : ", databases " + String.join(", ", databases)));
        } catch (Exception e) {
            say("PostgreSQL at " + postgres.address() + " does not answer as expected: " + e.getMessage());
            summary.put("postgres", "unusable at " + postgres.address() + ": " + e.getMessage());
            synchronized (this) {
                postgres.stop();
                postgres = null;
            }
        }
    }

    /**
     * Our own broker, or one the developer names explicitly. A port that is already taken is refused rather than
     * reused: a broker we did not start may be another version, lack the topics' settings, and would outlive Ctrl-C.
     */
    private void startKafka() throws Exception {
        String external = setting("switchboard.local.kafka-external", null);
        if (external != null) {
            bootstrapServers = external;
            summary.put("kafka", external + " (external, -Dswitchboard.local.kafka-external; not started here)");
            return;
        }
        int port = Integer.parseInt(setting("switchboard.local.kafka-port", "9092"));
        int controllerPort = Integer.parseInt(setting("switchboard.local.kafka-controller-port", "9093"));
        for (int p : new int[] {port, controllerPort}) {
            if (!isFree(p)) {
                throw new IllegalStateException("port " + p + " is already in use (another Kafka?). Stop what uses it, "
                        + "or pick free ports: -Dswitchboard.local.kafka-port=19092 "
                        + "-Dswitchboard.local.kafka-controller-port=19093, or use a running broker as it is: "
                        + "-Dswitchboard.local.kafka-external=localhost:9092");
            }
        }
        say("starting Kafka " + org.apache.kafka.common.utils.AppInfoParser.getVersion() + " on localhost:" + port
                + " (controller " + controllerPort + ")");
        long t0 = System.nanoTime();
        synchronized (this) {
            checkNotStopping();
            broker = new KafkaBroker(home.resolve("kafka"), port, controllerPort);
            broker.spawn(checkout.resolve("local-stack/target/broker.classpath"), runDir, home);
        }
        broker.awaitStarted();
        bootstrapServers = "localhost:" + port;
        say("Kafka is ready after " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0) + " ms");
        summary.put("kafka", bootstrapServers + " (controller 127.0.0.1:" + controllerPort + "; data and server.log in "
                + checkout.relativize(home.resolve("kafka")) + ")");
    }

    private void createTopics() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Set<String> existing = admin.listTopics().names().get(15, TimeUnit.SECONDS);
            List<NewTopic> missing = TOPICS.stream().filter(t -> !existing.contains(t))
                    .map(t -> new NewTopic(t, PARTITIONS, (short) 1)
                            .configs(COMPACTED.contains(t) ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .collect(Collectors.toList());
            admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
            Map<String, TopicDescription> all = admin.describeTopics(TOPICS).allTopicNames().get(15, TimeUnit.SECONDS);
            for (TopicDescription d : all.values()) {
                if (d.partitions().size() != PARTITIONS) {
                    say("warning: " + d.name() + " has " + d.partitions().size() + " partitions, not " + PARTITIONS);
                }
            }
            say("topics: " + missing.size() + " created, " + (TOPICS.size() - missing.size()) + " already there ("
                    + PARTITIONS + " partitions each; " + String.join(", ", COMPACTED) + " compacted)");
        }
    }

    private void startServices() throws Exception {
        Set<String> selected = Set.of(setting("switchboard.local.services", "all").split("\\s*,\\s*"));
        List<ServiceProcess> started = new ArrayList<>();
        for (Service s : SERVICES) {
            Path jar = s.jar(checkout);
            if (!selected.contains("all") && !selected.contains(s.name())) {
                summary.put(s.name(), "not started (-Dswitchboard.local.services)");
            } else if (!Files.isRegularFile(jar)) {
                summary.put(s.name(), "unavailable: not packaged (" + checkout.relativize(jar) + " is missing)");
            } else if (s.database() != null && postgres == null) {
                summary.put(s.name(), "not started: needs PostgreSQL, which is unavailable");
            } else if (!isFree(s.port()) || !isFree(s.managementPort())) {
                summary.put(s.name(), "not started: port " + s.port() + " or " + s.managementPort() + " is in use");
            } else {
                Map<String, String> env = new HashMap<>();
                env.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
                env.put("QUARKUS_HTTP_PORT", Integer.toString(s.port()));
                env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(s.managementPort()));
                // Loopback only: the local stack trusts a key pair anyone with the checkout has.
                env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
                env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
                // The same pseudonym secret in every service (logs name conversations by it), new for each run.
                env.put(PSEUDONYM_KEY, System.getenv().getOrDefault(PSEUDONYM_KEY, pseudonymSecret));
                // A developer's own secrets in the environment win over the local ones.
                s.env().forEach((k, v) -> env.put(k, System.getenv().getOrDefault(k, v)));
                if (s.database() != null) {
                    env.putAll(postgres.datasourceEnv(database(s)));
                }
                env.putAll(identityEnv(s));
                env.putAll(observabilityEnv());
                summary.put(s.name(), "starting");
                synchronized (this) {
                    checkNotStopping();
                    say("starting " + s.name() + " on port " + s.port() + " (" + checkout.relativize(jar) + ")");
                    // Kafka Streams state (ingress's dedupe store) lives beside the broker's data: left in /tmp
                    // from an earlier broker, it would silently drop new events as duplicates.
                    List<String> jvm = new ArrayList<>();
                    jvm.add("-Dkafka-streams.state.dir=" + home.resolve("state").resolve(s.name()));
                    channelAccounts(s).forEach((k, v) -> jvm.add("-D" + k + "=" + v));
                    jvm.addAll(List.of("-jar", jar.toString()));
                    ServiceProcess process = ServiceProcess.start(s, jvm, checkout.resolve(s.module()), env, runDir,
                            home);
                    services.add(process);
                    started.add(process);
                }
            }
        }
        long timeout = Long.parseLong(setting("switchboard.local.ready-timeout", "90"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeout);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (ServiceProcess p : started) {
            summary.put(p.name(), p.awaitReady(http, deadline, timeout, this::isStopping));
        }
    }

    /** The database of a service; a suffix keeps a test run's databases apart from a developer's. */
    static String database(Service s) {
        return s.database() == null ? null : s.database() + setting("switchboard.local.database-suffix", "");
    }

    /**
     * The Graph API stand-in, and the customers who write through it. It reports receipts to ingress, so it needs
     * only ingress's port, not ingress itself, to start.
     */
    private void startSimulator() throws Exception {
        int port = Integer.parseInt(setting("switchboard.local.simulator-port", "8090"));
        String ingress = "http://localhost:" + service("ingress").port();
        synchronized (this) {
            checkNotStopping();
            tokens = LocalTokens.in(home.resolve("jwt"));
            simulator = new GraphSimulator(port, new MetaWebhooks(ingress, META_APP_SECRET), List.of(WHATSAPP_NUMBER),
                    SIMULATOR_TOKEN, Duration.ofMillis(Long.parseLong(setting("switchboard.local.receipt-delay-ms",
                            "500"))));
        }
        summary.put("simulator", "http://localhost:" + port + "  Graph API stand-in for outbound (WhatsApp number "
                + WHATSAPP_NUMBER.phoneNumberId() + ", page " + MESSENGER_PAGE + "); sends at /_simulator/sent");
    }

    /**
     * outbound-service sends to the simulator for the simulated number and page; agent-service fetches customers'
     * media from it (the same account keys).
     */
    private Map<String, String> channelAccounts(Service s) {
        if (!(s.name().equals("outbound") || s.name().equals("agent")) || simulator == null) {
            return Map.of();
        }
        Map<String, String> props = new LinkedHashMap<>();
        String base = "http://localhost:" + simulator.port();
        for (String[] account : List.of(new String[] {WHATSAPP_NUMBER.phoneNumberId(), "whatsapp"},
                new String[] {MESSENGER_PAGE, "messenger"})) {
            String prefix = "switchboard." + s.name() + ".accounts." + account[0] + ".";
            props.put(prefix + "channel", account[1]);
            props.put(prefix + "base-url", base);
            props.put(prefix + "access-token", SIMULATOR_TOKEN);
        }
        return props;
    }

    /** Every service trusts the local identity's key (a developer's own setting wins). */
    private Map<String, String> identityEnv(Service s) {
        if (tokens == null || System.getenv("MP_JWT_VERIFY_PUBLICKEY_LOCATION") != null) {
            return Map.of();
        }
        return Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "file:" + tokens.publicKeyPem(),
                "MP_JWT_VERIFY_ISSUER", LocalTokens.ISSUER);
    }

    /**
     * Readable logs on a console (the packaged services log JSON in production), and spans exported to the
     * simulator's OTLP sink instead of a collector that is not there; a developer's own settings win.
     */
    private Map<String, String> observabilityEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "false");
        if (simulator != null) {
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf");
            env.put("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://localhost:" + simulator.port() + "/otlp");
            env.put("QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "1s");
        }
        env.keySet().removeIf(key -> System.getenv(key) != null || System.getenv("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT")
                != null && key.startsWith("QUARKUS_OTEL_"));
        return env;
    }

    private static final String PSEUDONYM_KEY = "SWITCHBOARD_PRIVACY_PSEUDONYM_KEY";

    private static String randomSecret() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static Service service(String name) {
        return SERVICES.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    GraphSimulator simulator() {
        return simulator;
    }

    /** A JDBC connection to a service's database. */
    Connection connectTo(Service s) throws SQLException {
        return postgres.connect(database(s));
    }

    /** A running service, for a test that kills and restarts it. */
    ServiceProcess process(String name) {
        return services.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException(name + " was not started"));
    }

    /** Where the children's pid files and logs ({@code <name>.log}) are. */
    Path runDirectory() {
        return runDir;
    }

    LocalTokens tokens() {
        return tokens;
    }

    private void printSummary() {
        String rule = "=".repeat(78);
        say(rule);
        say("Switchboard local stack is running. Ctrl-C stops everything.");
        summary.forEach((name, what) -> say(String.format(Locale.ROOT, "  %-9s %s", name, what)));
        say(String.format(Locale.ROOT, "  %-9s %s", "events", "[event] lines for " + String.join(", ", PRINTED)));
        say("  post a sample: ./mvnw -q -pl local-stack -am compile exec:java -Dsample=wa_01_text.json");
        say("  the demo (a customer, an agent, a reply and its receipts): ./mvnw -q -pl local-stack -am compile exec:java@demo");
        say("  every API takes a bearer token (docs/security.md); mint one per role (agent, supervisor, admin, "
                + "integration):");
        say("    ./mvnw -q -pl local-stack -am compile exec:java@mint -Drole=admin [-Dsubject=ava]");
        say("    curl -H \"Authorization: Bearer $TOKEN\" http://localhost:" + service("routing").port()
                + "/routing/queues");
        say(rule);
    }

    /** The shutdown hook: services first, then the printer and the broker they use, then our PostgreSQL. */
    void stop() {
        stopping = true;
        synchronized (this) {
            if (!services.isEmpty() || broker != null || postgres != null || simulator != null) {
                stopStarted();
                say("stopped everything the local stack started");
            }
        }
    }

    private void stopStarted() {
        if (!services.isEmpty()) {
            say("stopping " + services.stream().map(ServiceProcess::name).collect(Collectors.joining(", ")));
            services.forEach(p -> p.child().process.destroy());
            services.forEach(p -> p.child().stop(20));
        }
        if (printer != null) {
            printer.stop();
        }
        if (simulator != null) {
            simulator.close();
        }
        if (broker != null) {
            say("stopping the Kafka broker");
            broker.stop();
        }
        if (postgres != null) {
            if (dropDatabasesOnStop) {
                postgres.dropDatabases(SERVICES.stream().map(LocalStack::database).filter(d -> d != null).toList());
            }
            postgres.stop();
        }
    }

    /** For a test run: its databases go when it stops. */
    void dropDatabasesOnStop() {
        dropDatabasesOnStop = true;
    }

    private boolean isStopping() {
        return stopping;
    }

    private void checkNotStopping() {
        if (stopping) {
            throw new IllegalStateException("stopping");
        }
    }

    static void say(String message) {
        System.out.println("[local-stack] " + message);
    }

    /** A setting from a system property ({@code -Dswitchboard.local.kafka-port=...}) or its environment variable. */
    public static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    /** The checkout: set by the POM, else found upwards from the working directory. */
    public static Path checkout() {
        String configured = System.getProperty("switchboard.checkout");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack").resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("run this from inside the Switchboard checkout");
    }

    static boolean accepts(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Free means nobody answers on it and we could listen on it ourselves. */
    static boolean isFree(int port) {
        if (accepts("127.0.0.1", port)) {
            return false;
        }
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
