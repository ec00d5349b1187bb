package io.switchboard.devinfra;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether Testcontainers can reach a Docker engine, asked at most once per class loader.
 * <p>
 * Testcontainers' own discovery logs several errors and takes a while when no engine exists, so it is only asked
 * when something hints at one: {@code DOCKER_HOST}, a Testcontainers properties file, or a known socket path.
 */
public final class DockerSupport {

    private static Boolean available;

    private DockerSupport() {
    }

    public static synchronized boolean available() {
        if (available == null) {
            available = hinted() && Probe.ask();
        }
        return available;
    }

    private static boolean hinted() {
        if (System.getProperty("os.name", "").toLowerCase().contains("win")) {
            return true;
        }
        if (Settings.get("DOCKER_HOST").isPresent() || Settings.get("TESTCONTAINERS_HOST_OVERRIDE").isPresent()) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        List<Path> candidates = new ArrayList<>(List.of(
                Path.of(home, ".testcontainers.properties"),
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock")));
        Settings.get("XDG_RUNTIME_DIR").ifPresent(dir -> candidates.add(Path.of(dir, "docker.sock")));
        File[] runUser = new File("/run/user").listFiles();
        if (runUser != null) {
            for (File dir : runUser) {
                candidates.add(dir.toPath().resolve("docker.sock"));
            }
        }
        return candidates.stream().anyMatch(Files::exists);
    }

    /** Kept apart so Testcontainers classes are only linked when a Docker engine is plausible. */
    private static final class Probe {
        static boolean ask() {
            try {
                return org.testcontainers.DockerClientFactory.instance().isDockerAvailable();
            } catch (RuntimeException | LinkageError e) {
                return false;
            }
        }
    }
}
