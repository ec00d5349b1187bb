package io.switchboard.devinfra;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What the run command and the bench both do with the JVMs they start: the same java, and one way to stop them. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** The java of the running JVM, so that every JVM of a run or bench is the same version. */
    public static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * SIGTERM, so that shutdown hooks run (Quarkus and Kafka shut down cleanly); SIGKILL when it is still alive after
     * {@code graceSeconds}, calling {@code beforeKill} first (to say so). Interrupted: kills at once.
     */
    public static void stop(ProcessHandle handle, long graceSeconds, Runnable beforeKill) {
        if (!handle.isAlive()) {
            return;
        }
        handle.destroy();
        try {
            handle.onExit().get(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            handle.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            if (handle.isAlive()) {
                beforeKill.run();
                handle.destroyForcibly();
                try {
                    handle.onExit().get(10, TimeUnit.SECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException ignored) {
                    // Nothing more can be done from here.
                }
            }
        }
    }
}
