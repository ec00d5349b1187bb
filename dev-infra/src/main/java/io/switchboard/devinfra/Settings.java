package io.switchboard.devinfra;

import java.util.Locale;
import java.util.Optional;

/**
 * Reads a setting named like an environment variable ({@code SWITCHBOARD_PG}) from the system property of that name,
 * then from its dotted lower-case form ({@code -Dswitchboard.pg=...}, as Maven users write them), then from the
 * environment; blank means unset.
 */
public final class Settings {

    private Settings() {
    }

    public static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name.toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }
}
