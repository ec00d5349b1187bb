package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The PostgreSQL the services use: {@code SWITCHBOARD_PG_URL} if set, else one on 127.0.0.1:5432, else a private one
 * under {@code .local/pg} started with the local installation's {@code initdb} and {@code pg_ctl}.
 */
final class Postgres {

    static final String INSTALL_HINT = "install PostgreSQL (Debian/Ubuntu: sudo apt-get install postgresql; "
            + "Fedora: sudo dnf install postgresql-server; macOS: brew install postgresql@17) "
            + "or point SWITCHBOARD_PG_URL at one (postgresql://user:password@host:5432)";

    final String host;
    final int port;
    final String user;
    final String password;
    final String origin;
    private final Path privateDataDir;
    private final Path pgCtl;

    private Postgres(String host, int port, String user, String password, String origin, Path privateDataDir,
            Path pgCtl) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.origin = origin;
        this.privateDataDir = privateDataDir;
        this.pgCtl = pgCtl;
    }

    /**
     * Finds or starts PostgreSQL. {@code mode} {@code private} skips the URL and port 5432 and always uses the private
     * one. Throws with the reason (and what to install) when there is none.
     */
    static Postgres findOrStart(String mode, String url, Path dir, int privatePort) throws Exception {
        if (!"private".equals(mode)) {
            if (url != null) {
                return fromUrl(url);
            }
            if (LocalStack.accepts("127.0.0.1", 5432)) {
                return new Postgres("127.0.0.1", 5432, "postgres", "", "already running on 127.0.0.1:5432", null, null);
            }
        }
        Optional<Path> bin = findBin();
        if (bin.isEmpty()) {
            throw new IllegalStateException("no PostgreSQL on 127.0.0.1:5432 and no initdb/pg_ctl found: " + INSTALL_HINT);
        }
        return startPrivate(bin.get(), dir, privatePort);
    }

    /** {@code postgresql://user:password@host:port/...}, or the same with a {@code jdbc:} in front. */
    private static Postgres fromUrl(String url) {
        URI uri = URI.create(url.startsWith("jdbc:") ? url.substring(5) : url);
        String user = "postgres";
        String password = "";
        if (uri.getUserInfo() != null) {
            String[] parts = uri.getUserInfo().split(":", 2);
            user = parts[0];
            password = parts.length > 1 ? parts[1] : "";
        }
        return new Postgres(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5432, user, password,
                "from SWITCHBOARD_PG_URL", null, null);
    }

    /** On PATH (Homebrew, most distributions), else Debian's versioned directories, newest first. */
    private static Optional<Path> findBin() throws IOException {
        List<Path> candidates = new ArrayList<>();
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty()) {
                candidates.add(Path.of(dir));
            }
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.sorted(Comparator.comparing(Postgres::versionOf).reversed())
                        .forEach(v -> candidates.add(v.resolve("bin")));
            }
        }
        return candidates.stream()
                .filter(d -> Files.isExecutable(d.resolve("initdb")) && Files.isExecutable(d.resolve("pg_ctl")))
                .findFirst();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\D.*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Postgres startPrivate(Path bin, Path dir, int port) throws Exception {
        Path data = dir.resolve("data");
        Path pgCtl = bin.resolve("pg_ctl");
        Files.createDirectories(dir);
        if (isRoot()) {
            // PostgreSQL refuses to run as root: the cluster belongs to the postgres user, who runs every command.
            run("chown", List.of("chown", "-R", "postgres", dir.toString()), false);
        }
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            LocalStack.say("creating a private PostgreSQL cluster in " + data + " with " + bin.resolve("initdb"));
            if (run("initdb", List.of(bin.resolve("initdb").toString(), "-D", data.toString(), "-A", "trust", "-U",
                    "postgres", "-E", "UTF8"), true) != 0) {
                throw new IllegalStateException("initdb failed (see the [initdb] lines above)");
            }
        }
        Postgres pg = new Postgres("127.0.0.1", port, "postgres", "", "private, in " + data, data, pgCtl);
        if (run(null, List.of(pgCtl.toString(), "status", "-D", data.toString()), true) == 0) {
            LocalStack.say("the private PostgreSQL in " + data + " is already running: using it");
            return pg;
        }
        if (!LocalStack.isFree(port)) {
            throw new IllegalStateException("port " + port + " for the private PostgreSQL is in use: choose another "
                    + "with -Dswitchboard.local.pg-port=...");
        }
        // TCP on loopback only, no Unix socket: a socket path under a deep checkout can exceed the OS's length limit.
        String options = "-p " + port + " -c listen_addresses=127.0.0.1 -c unix_socket_directories=''";
        if (run("pg_ctl", List.of(pgCtl.toString(), "start", "-w", "-t", "60", "-D", data.toString(), "-l",
                dir.resolve("postgres.log").toString(), "-o", options), true) != 0) {
            throw new IllegalStateException("the private PostgreSQL did not start; see " + dir.resolve("postgres.log"));
        }
        return pg;
    }

    /** Creates each database that does not exist yet. */
    void createDatabases(Collection<String> names) throws Exception {
        try (Connection c = connect("postgres")) {
            for (String name : names) {
                try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                    q.setString(1, name);
                    try (ResultSet rs = q.executeQuery()) {
                        if (rs.next()) {
                            continue;
                        }
                    }
                }
                try (Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                }
                LocalStack.say("created database " + name);
            }
        }
    }

    /** Proves the server answers with these credentials. */
    void check() throws Exception {
        try (Connection c = connect("postgres")) {
            c.isValid(5);
        }
    }

    private Connection connect(String database) throws Exception {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        props.setProperty("connectTimeout", "5");
        // The driver directly, not DriverManager: under exec:java it lives in a class loader DriverManager ignores.
        Connection c = new org.postgresql.Driver().connect("jdbc:postgresql://" + host + ":" + port + "/" + database,
                props);
        if (c == null) {
            throw new IllegalStateException("the PostgreSQL driver refused the URL");
        }
        return c;
    }

    /** The environment a Quarkus service with a reactive datasource needs for {@code database}. */
    Map<String, String> datasourceEnv(String database) {
        return Map.of("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://" + host + ":" + port + "/" + database,
                "QUARKUS_DATASOURCE_USERNAME", user,
                "QUARKUS_DATASOURCE_PASSWORD", password);
    }

    String address() {
        return host + ":" + port;
    }

    /** Drops databases a test run made for itself, once the services using them have stopped. */
    void dropDatabases(Collection<String> names) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            for (String name : names) {
                s.execute("DROP DATABASE IF EXISTS \"" + name.replace("\"", "\"\"") + "\" WITH (FORCE)");
            }
        } catch (Exception e) {
            LocalStack.say("could not drop " + names + ": " + e.getMessage());
        }
    }

    /** Stops the server only if this run (or an earlier one, adopted) started it. */
    void stop() {
        if (privateDataDir == null) {
            return;
        }
        try {
            run("pg_ctl", List.of(pgCtl.toString(), "stop", "-w", "-t", "60", "-m", "fast", "-D",
                    privateDataDir.toString()), true);
        } catch (Exception e) {
            LocalStack.say("could not stop the private PostgreSQL: " + e.getMessage());
        }
    }

    /** Runs a command to its end, as the postgres user when we are root; {@code name} null hides its output. */
    private static int run(String name, List<String> command, boolean asPostgres) throws Exception {
        List<String> full = new ArrayList<>();
        if (asPostgres && isRoot()) {
            Optional<Path> runuser = Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser")
                    .map(Path::of).filter(Files::isExecutable).findFirst();
            if (runuser.isPresent()) {
                full.addAll(List.of(runuser.get().toString(), "-u", "postgres", "--"));
                full.addAll(command);
            } else {
                full.addAll(List.of("su", "postgres", "-s", "/bin/sh", "-c", shellQuote(command)));
            }
        } else {
            full.addAll(command);
        }
        ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true);
        Process p = builder.start();
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " did not finish");
        }
        if (name != null) {
            for (String line : new String(output).split("\n")) {
                if (!line.isBlank()) {
                    System.out.println("[" + name + "] " + line);
                }
            }
        }
        return p.exitValue();
    }

    private static String shellQuote(List<String> command) {
        return String.join(" ", command.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").toArray(String[]::new));
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    @Override
    public String toString() {
        return address() + " (" + origin + ")";
    }
}
