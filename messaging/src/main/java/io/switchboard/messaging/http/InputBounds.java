package io.switchboard.messaging.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Bounds on strings where they enter the system: a length the columns and the contract allow, and no NUL (U+0000),
 * which PostgreSQL refuses in {@code text} and {@code varchar} and which would otherwise become a poison record
 * further down. Collect the violations of one input, then {@link #refuse()} answers them all in one 400.
 */
public final class InputBounds {

    /** Identifiers: conversation, message, account, agent and external ids (the columns are varchar(255)). */
    public static final int ID = 255;
    /** Short labels: names, queue names, reasons, tags. */
    public static final int LABEL = 200;
    /** Message texts: WhatsApp's 4,096-character limit, with room for the other channels' larger ones. */
    public static final int TEXT = 20_000;

    private final List<String> violations = new ArrayList<>();

    /** Checks {@code value} (null passes: presence is another rule) and records what is wrong with it. */
    public InputBounds check(String field, String value, int max) {
        violation(field, value, max).ifPresent(violations::add);
        return this;
    }

    /** Throws one {@link ApiException} 400 {@code input_out_of_bounds} naming every offending field, if any. */
    public void refuse() {
        if (!violations.isEmpty()) {
            throw new ApiException(400, "input_out_of_bounds", "a field is too long or holds a NUL character",
                    violations);
        }
    }

    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** The violation of one value, for callers that cannot answer with a 400 (acknowledged webhooks). */
    public static Optional<String> violation(String field, String value, int max) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.length() > max) {
            return Optional.of(field + ": longer than " + max + " characters (" + value.length() + ")");
        }
        if (value.indexOf('\u0000') >= 0) {
            return Optional.of(field + ": contains a NUL character");
        }
        return Optional.empty();
    }

    /** Checks one value and throws at once. */
    public static String require(String field, String value, int max) {
        new InputBounds().check(field, value, max).refuse();
        return value;
    }
}
