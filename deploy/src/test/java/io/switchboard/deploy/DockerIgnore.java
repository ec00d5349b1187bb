package io.switchboard.deploy;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .dockerignore} read by Docker's rules: one pattern a line, {@code #} comments, {@code !} for an exception,
 * {@code **} for any number of directories; the last pattern matching a path or one of its parent directories decides.
 */
final class DockerIgnore {

    private record Rule(PathMatcher matcher, boolean exception) {
    }

    private final List<Rule> rules = new ArrayList<>();

    DockerIgnore(Path file) throws IOException {
        for (String line : Files.readAllLines(file)) {
            String pattern = line.strip();
            if (pattern.isEmpty() || pattern.startsWith("#")) {
                continue;
            }
            boolean exception = pattern.startsWith("!");
            pattern = (exception ? pattern.substring(1) : pattern).replaceAll("^/+|/+$", "");
            rules.add(new Rule(FileSystems.getDefault().getPathMatcher("glob:" + pattern), exception));
        }
    }

    /** Whether a path of the context (relative, with /) is sent to the Docker engine. */
    boolean sends(String path) {
        boolean excluded = false;
        for (Rule rule : rules) {
            for (Path prefix = Path.of(path); prefix != null; prefix = prefix.getParent()) {
                // "**/x" also matches x at the top, as Docker's does.
                if (rule.matcher().matches(prefix) || rule.matcher().matches(Path.of("_", prefix.toString()))) {
                    excluded = !rule.exception();
                    break;
                }
            }
        }
        return !excluded;
    }
}
