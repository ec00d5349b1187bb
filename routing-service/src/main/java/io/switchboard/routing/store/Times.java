package io.switchboard.routing.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Instants to and from the {@code timestamptz} values of the PostgreSQL client. */
public final class Times {

    private Times() {
    }

    public static OffsetDateTime toOffset(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    public static Instant toInstant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
