package io.switchboard.local;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

import io.switchboard.devinfra.ChildProcesses;

/** A process the launcher started: its output goes to our stdout prefixed with its name, and it can be stopped. */
final class Child {

    /**
     * Ctrl-C in a terminal signals the whole foreground process group. Started through setsid, a child is in a session
     * of its own and hears only the launcher, which stops the services before the broker they write to. Where there is
     * no setsid (macOS) the children still stop, just all at once.
     */
    private static final Optional<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid")).stream()
            .filter(Files::isExecutable).findFirst();

    /** On every child's command line, naming the .local directory of the checkout that started it. */
    private static final String MARKER = "-Dlocal-stack.home=";

    final String name;
    final Process process;
    private final Path pidFile;

    private Child(String name, Process process, Path pidFile) {
        this.name = name;
        this.process = process;
        this.pidFile = pidFile;
    }

    /** Starts a JVM, marked with {@code home} (our .local directory) so that a later run can recognise it as ours. */
    static Child startJava(String name, List<String> jvmArgs, Path workDir, Map<String, String> env, Path runDir,
            Path home, Consumer<String> onLine) throws IOException {
        return startJava(name, jvmArgs, workDir, env, runDir, home, onLine, false);
    }

    static Child startJava(String name, List<String> jvmArgs, Path workDir, Map<String, String> env, Path runDir,
            Path home, Consumer<String> onLine, boolean appendLog) throws IOException {
        List<String> command = new ArrayList<>();
        SETSID.ifPresent(setsid -> command.add(setsid.toString()));
        command.add(ChildProcesses.javaExecutable());
        command.add(MARKER + home);
        command.addAll(jvmArgs);
        return start(name, command, workDir, env, runDir, onLine, appendLog);
    }

    /** A restarted process appends to the log its earlier run left, so the whole run's output stays in one file. */
    private static Child start(String name, List<String> command, Path workDir, Map<String, String> env, Path runDir,
            Consumer<String> onLine, boolean appendLog) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Path pidFile = null;
        if (runDir != null) {
            Files.createDirectories(runDir);
            pidFile = runDir.resolve(name + ".pid");
            // The child's pid and ours: a pid file is a leftover only once the launcher that wrote it is gone.
            Files.writeString(pidFile, process.pid() + " " + ProcessHandle.current().pid());
        }
        // Each child's output is also kept in the run directory (<name>.log), where a developer, or the end-to-end
        // test's log scan, finds it after the console has scrolled past.
        Path log = runDir == null ? null : runDir.resolve(name + ".log");
        Thread pump = new Thread(() -> pump(name, process, onLine, log, appendLog), name + "-output");
        pump.setDaemon(true);
        pump.start();
        return new Child(name, process, pidFile);
    }

    private static void pump(String name, Process process, Consumer<String> onLine, Path log, boolean append) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                Writer file = log == null ? Writer.nullWriter() : append
                        ? Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                                StandardOpenOption.APPEND)
                        : Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[" + name + "] " + line);
                file.write(line);
                file.write('\n');
                file.flush();
                if (onLine != null) {
                    onLine.accept(line);
                }
            }
        } catch (IOException e) {
            // The process is gone; its exit is reported by whoever waits for it.
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM (the JVM's shutdown hooks run: Quarkus and Kafka shut down cleanly), then SIGKILL after the grace. */
    void stop(long graceSeconds) {
        stop(process.toHandle(), name, graceSeconds);
        LocalStack.say(process.isAlive() ? name + " is still running (pid " + process.pid() + ")"
                : name + " stopped (exit code " + process.exitValue() + ")");
        if (pidFile != null) {
            try {
                Files.deleteIfExists(pidFile);
            } catch (IOException e) {
                // A stale pid file is checked against the command line before anything is done with it.
            }
        }
    }

    static void stop(ProcessHandle handle, String name, long graceSeconds) {
        ChildProcesses.stop(handle, graceSeconds,
                () -> LocalStack.say(name + " did not stop within " + graceSeconds + " s: killing it"));
    }

    /**
     * Stops what an earlier run left behind (a launcher killed with SIGKILL cannot stop its children): each pid file
     * whose process is still alive and carries this checkout's marker on its command line. Refuses to start while the
     * launcher that wrote a pid file is still running.
     */
    static void stopLeftovers(Path runDir, Path home) throws IOException {
        String marker = MARKER + home + " ";
        if (!Files.isDirectory(runDir)) {
            return;
        }
        try (var files = Files.list(runDir)) {
            for (Path pidFile : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".pid"))::iterator) {
                String name = pidFile.getFileName().toString().replace(".pid", "");
                try {
                    String[] pids = Files.readString(pidFile).trim().split("\\s+");
                    long pid = Long.parseLong(pids[0]);
                    long launcher = pids.length > 1 ? Long.parseLong(pids[1]) : -1;
                    Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                            .filter(h -> h.info().commandLine().orElse("").contains(marker));
                    if (handle.isPresent() && launcher > 0 && ProcessHandle.of(launcher).isPresent()) {
                        throw new IllegalStateException("the local stack of this checkout is already running (pid "
                                + launcher + "): stop it first (Ctrl-C in its terminal)");
                    }
                    if (handle.isPresent()) {
                        LocalStack.say("stopping " + name + " left running by an earlier run (pid " + pid + ")");
                        stop(handle.get(), name, 30);
                    }
                } catch (NumberFormatException e) {
                    // Not ours to interpret; the file goes.
                }
                Files.deleteIfExists(pidFile);
            }
        }
    }
}
