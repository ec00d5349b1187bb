package io.switchboard.testing;

import java.util.Optional;

/** Reads a setting from a system property first, then from the environment; blank means unset. */
final class Settings {

    private Settings() {
    }

    static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
