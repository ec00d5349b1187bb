package io.switchboard.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import io.switchboard.devinfra.ChildProcesses;

/** A JVM the bench started, with its output in a log file (the tables stay readable), stoppable by its own pid only. */
public final class ChildJvm {

    /** The environment variable that moves a production build's management interface (health) to another port. */
    static final String MANAGEMENT_PORT = "QUARKUS_MANAGEMENT_PORT";

    final String name;
    final Path log;
    private final Process process;
    private final int healthPort;

    private static final String PSEUDONYM_KEY = "SWITCHBOARD_PRIVACY_PSEUDONYM_KEY";
    private static final String RUN_SECRET = UUID.randomUUID() + "-" + UUID.randomUUID();

    private ChildJvm(String name, Process process, Path log, int healthPort) {
        this.healthPort = healthPort;
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /** Runs the same java as the bench, so that every JVM of a run is the same version. */
    public static ChildJvm start(String name, List<String> args, Path workDir, Map<String, String> env, Path log)
            throws IOException {
        List<String> command = new ArrayList<>();
        command.add(javaExecutable());
        command.addAll(args);
        Files.createDirectories(workDir);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        // Production builds start only with a pseudonym secret (docs/privacy.md); one for the whole bench run.
        builder.environment().putIfAbsent(PSEUDONYM_KEY, RUN_SECRET);
        String health = env.getOrDefault(MANAGEMENT_PORT, env.getOrDefault("QUARKUS_HTTP_PORT", "-1"));
        return new ChildJvm(name, builder.start(), log, Integer.parseInt(health));
    }

    public static String javaExecutable() {
        return ChildProcesses.javaExecutable();
    }

    /** The port of its health and metrics (the management interface, else the HTTP port). */
    public int healthPort() {
        return healthPort;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public int exitValue() {
        return process.exitValue();
    }

    /** CPU time of all its threads so far (Linux: /proc/pid/stat), NaN where the platform does not tell. */
    public double cpuSeconds() {
        return cpuSeconds(process.toHandle());
    }

    static double cpuSeconds(ProcessHandle handle) {
        return handle.info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /**
     * CPU seconds of its JIT compiler threads so far, from /proc/PID/task/TID/stat on Linux (NaN elsewhere): the bench
     * warms a target up until these go quiet, rather than for a fixed time that is too short on a busy machine.
     */
    double compilerCpuSeconds() {
        Path tasks = Path.of("/proc", Long.toString(process.pid()), "task");
        double ticks = 0;
        try (java.util.stream.Stream<Path> threads = Files.list(tasks)) {
            for (Path thread : (Iterable<Path>) threads::iterator) {
                String stat;
                try {
                    stat = Files.readString(thread.resolve("stat"));
                } catch (IOException e) {
                    continue; // The thread ended meanwhile.
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    // Fields 14 and 15 of stat (utime, stime), counted after the name: indexes 11 and 12.
                    ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return ticks / CLOCK_TICKS;
    }

    /** USER_HZ of /proc's times: 100 on every Linux the JDK runs on. */
    private static final double CLOCK_TICKS = 100;

    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** SIGTERM, so that shutdown hooks run (Kafka closes its logs cleanly); SIGKILL after the grace period. */
    public void stop(long graceSeconds) {
        ChildProcesses.stop(process.toHandle(), graceSeconds, () -> IngestBench.say(name + " did not stop within "
                + graceSeconds + " s: killing pid " + process.pid()));
    }

    /**
     * Waits until {@code GET /q/health/ready} on the port answers 200, what an orchestrator waits for; fails with the
     * end of the log when the JVM exits or is not ready within two minutes.
     */
    public void awaitReady() throws Exception {
        awaitReady(healthPort);
    }

    /** The same on a given port. */
    public void awaitReady(int port) throws Exception {
        java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
        java.net.http.HttpRequest ready = java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(java.time.Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited:\n" + tail(30));
            }
            try {
                if (client.send(ready, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready within 120 s:\n" + tail(30));
    }

    /** The end of the log, for a failure message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
