package io.switchboard.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A packaged service as the stack runs it: how it was started, so that the end-to-end test can kill it (SIGKILL, as
 * an OOM killer or a lost node would) and start it again with the same settings.
 */
final class ServiceProcess {

    final Service service;
    private final List<String> jvmArgs;
    private final Path workDir;
    private final Map<String, String> env;
    private final Path runDir;
    private final Path home;
    private volatile Child child;

    private ServiceProcess(Service service, List<String> jvmArgs, Path workDir, Map<String, String> env, Path runDir,
            Path home) {
        this.service = service;
        this.jvmArgs = List.copyOf(jvmArgs);
        this.workDir = workDir;
        this.env = Map.copyOf(env);
        this.runDir = runDir;
        this.home = home;
    }

    static ServiceProcess start(Service service, List<String> jvmArgs, Path workDir, Map<String, String> env,
            Path runDir, Path home) throws IOException {
        ServiceProcess p = new ServiceProcess(service, jvmArgs, workDir, env, runDir, home);
        p.launch(false);
        return p;
    }

    private void launch(boolean again) throws IOException {
        child = Child.startJava(service.name(), jvmArgs, workDir, env, runDir, home, null, again);
    }

    String name() {
        return service.name();
    }

    Child child() {
        return child;
    }

    /** Gone at once, without its shutdown hooks: open transactions die with their connections, offsets uncommitted. */
    void kill() throws InterruptedException {
        LocalStack.say("killing " + name() + " (SIGKILL)");
        child.process.destroyForcibly();
        if (!child.process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name() + " outlived SIGKILL for 30 s");
        }
    }

    /** The same jar, settings and ports again; the answer is as {@link #awaitReady}'s. */
    String restart(Duration timeout) throws IOException, InterruptedException {
        if (child.isAlive()) {
            throw new IllegalStateException(name() + " is still running");
        }
        LocalStack.say("starting " + name() + " again");
        launch(true);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        return awaitReady(http, System.nanoTime() + timeout.toNanos(), timeout.toSeconds(), () -> false);
    }

    /** Ready means GET /q/health/ready answers 200; a service that exits or stays unready is reported, not fatal. */
    String awaitReady(HttpClient http, long deadline, long timeout, BooleanSupplier stopping)
            throws InterruptedException {
        String base = "http://localhost:" + service.port();
        String management = "http://localhost:" + service.managementPort();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(management + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        String last = "no answer";
        long pause = 250;
        while (!stopping.getAsBoolean()) {
            if (!child.isAlive()) {
                return "FAILED: exited with code " + child.process.exitValue() + " (see its [" + name()
                        + "] lines above)";
            }
            try {
                HttpResponse<String> r = http.send(ready, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return base + "  ready  (health " + management + "/q/health, OpenAPI " + base + "/q/openapi"
                            + (service.note().isEmpty() ? "" : "; " + service.note()) + ")";
                }
                String body = r.body().replaceAll("\\s+", " ");
                last = "HTTP " + r.statusCode() + " " + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
            } catch (IOException e) {
                last = "no answer";
            }
            if (System.nanoTime() > deadline) {
                return "NOT READY after " + timeout + " s (still running; last /q/health/ready: " + last + ")";
            }
            // Backing off: a service that is up but not ready may log a stack trace for every probe.
            pause = Math.min(pause * 2, 5_000);
            Thread.sleep(pause);
        }
        return "stopping";
    }
}
