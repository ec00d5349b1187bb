package io.switchboard.outbound.intake;

import io.switchboard.messaging.consume.PoisonRecordException;

/**
 * Bounds on the ids and keys a consumed event carries, checked before any of them reaches the database or a log: a
 * record outside them is poison (the consumer policy sets it aside with this reason and moves on), never an outage to
 * retry. PostgreSQL text cannot hold NUL, so a NUL would otherwise fail every attempt the same way.
 */
public final class RecordChecks {

    /** Longest id or key accepted: conversation keys and proactive command ids stay far below it. */
    public static final int MAX_ID_CHARS = 300;

    private RecordChecks() {
    }

    /** A required id or key: present, at most {@link #MAX_ID_CHARS} characters, no NUL. */
    public static String id(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new PoisonRecordException(field + " is missing");
        }
        return optionalId(field, value);
    }

    /** An optional id: absent, or within the same bounds. */
    public static String optionalId(String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.length() > MAX_ID_CHARS) {
            throw new PoisonRecordException(field + " longer than " + MAX_ID_CHARS + " characters (" + value.length()
                    + ")");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new PoisonRecordException(field + " contains a NUL character");
        }
        return value;
    }
}
