package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository stands on its own: no tracked file names a path outside it (a sibling {@code shared} directory,
 * someone's home or work directory). It lives in {@code events} because that module is built first, so a clone that
 * would only work on one machine fails early. The patterns are assembled from pieces so that this file does not
 * name them itself.
 */
class RepositorySelfContainedTest {

    private static final String SEP = "/";
    private static final String BACKSLASH = "\\";

    /** Paths that point outside a checkout. */
    static final List<String> FORBIDDEN = List.of(
            ".." + SEP + "shared",
            SEP + "wo" + "rk" + SEP,
            SEP + "ro" + "ot" + SEP,
            SEP + "ho" + "me" + SEP,
            SEP + "Us" + "ers" + SEP,
            "C:" + BACKSLASH + "Us" + "ers" + BACKSLASH);

    /** Directories a walk skips when git cannot list the tracked files: build output and local state. */
    private static final Set<String> SKIPPED = Set.of("target", ".git", ".local", "node_modules");

    @Test
    void noTrackedFileNamesAPathOutsideTheRepository() {
        Path root = repositoryRoot(Path.of("").toAbsolutePath());
        List<String> files = listedFiles(root);
        assertThat(files).as("files listed under %s", root).contains("pom.xml", "mvnw");

        List<String> offences = offences(root, files);

        assertThat(offences).as("files that name a path outside the repository (use a path inside it, or cite the "
                + "repository's own docs/)").isEmpty();
    }

    @Test
    void aFileNamingAPathOutsideIsReportedWithItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("mvnw"), "#!/bin/sh\n");
        Files.writeString(dir.resolve("pom.xml"), "<project/>\n");
        Files.createDirectories(dir.resolve("docs"));
        Files.writeString(dir.resolve("docs/notes.md"), "fine\nsee " + FORBIDDEN.get(0) + "/x.md\nfine\n");
        Files.writeString(dir.resolve("README.md"), "built in " + FORBIDDEN.get(1) + "x and "
                + FORBIDDEN.get(5) + "me\n");
        byte[] binary = ("\0" + FORBIDDEN.get(2)).getBytes(StandardCharsets.UTF_8);
        Files.write(dir.resolve("logo.png"), binary);
        Files.createDirectories(dir.resolve("module/target"));
        Files.writeString(dir.resolve("module/target/build.log"), FORBIDDEN.get(3) + "\n");

        Path root = repositoryRoot(dir.resolve("docs"));
        List<String> offences = offences(root, listedFiles(root));

        assertThat(root).isEqualTo(dir);
        assertThat(offences).containsExactly(
                "README.md:1: built in " + FORBIDDEN.get(1) + "x and " + FORBIDDEN.get(5) + "me",
                "docs/notes.md:2: see " + FORBIDDEN.get(0) + "/x.md");
    }

    @Test
    void everyPatternIsCaught(@TempDir Path dir) throws IOException {
        for (int i = 0; i < FORBIDDEN.size(); i++) {
            Files.writeString(dir.resolve("f" + i + ".txt"), "x " + FORBIDDEN.get(i) + " y\n");
        }

        assertThat(offences(dir, listedFiles(dir))).hasSize(FORBIDDEN.size());
    }

    /** The nearest directory at or above {@code start} that holds {@code mvnw} and {@code .git} or {@code pom.xml}. */
    static Path repositoryRoot(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))
                    && (Files.exists(dir.resolve(".git")) || Files.isRegularFile(dir.resolve("pom.xml")))) {
                return dir;
            }
        }
        throw new IllegalStateException("no repository root (mvnw beside .git or pom.xml) at or above " + start);
    }

    /**
     * Tracked files and new files not ignored, relative to {@code root}, from git; without git (not installed, or not
     * a git checkout) every file of a walk that skips build output.
     */
    static List<String> listedFiles(Path root) {
        List<String> fromGit = gitFiles(root);
        return fromGit != null ? fromGit : walk(root);
    }

    /** {@code path:line: text} for every line of a text file that contains a forbidden pattern, sorted by path. */
    static List<String> offences(Path root, List<String> files) {
        List<String> offences = new ArrayList<>();
        for (String file : files.stream().sorted().toList()) {
            Path path = root.resolve(file);
            if (!Files.isRegularFile(path)) {
                continue; // tracked but deleted in the work tree
            }
            byte[] bytes;
            try {
                bytes = Files.readAllBytes(path);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (isBinary(bytes)) {
                continue;
            }
            String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                if (FORBIDDEN.stream().anyMatch(line::contains)) {
                    String text = line.strip();
                    offences.add(file + ":" + (i + 1) + ": " + (text.length() > 200 ? text.substring(0, 200) : text));
                }
            }
        }
        return offences;
    }

    /** As git decides: a NUL byte in the first 8000 bytes. */
    private static boolean isBinary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    private static List<String> gitFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "-C", root.toString(), "ls-files", "-z", "--cached", "--others",
                    "--exclude-standard").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = git.getInputStream().readAllBytes();
            if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
                git.destroy();
                return null;
            }
            return Arrays.stream(new String(out, StandardCharsets.UTF_8).split("\0")).filter(s -> !s.isEmpty())
                    .distinct().toList();
        } catch (IOException e) {
            return null; // no git here
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static List<String> walk(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            return paths.filter(Files::isRegularFile)
                    .map(root::relativize)
                    .filter(rel -> {
                        for (Path part : rel) {
                            if (SKIPPED.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .map(rel -> rel.toString().replace('\\', '/'))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
