package io.switchboard.messaging.consume;

/** What a consumer does with a failure (ADR 0013). */
public enum FailureKind {
    /** The database, the broker or the network failed: the same record will succeed later, so retry it. */
    INFRASTRUCTURE,
    /** The record itself cannot be processed (unreadable, invalid, refused as data, too large): set it aside. */
    POISON,
    /** Neither recognised: retried a bounded number of times, then set aside, so a bug cannot stop a partition. */
    UNEXPECTED
}
