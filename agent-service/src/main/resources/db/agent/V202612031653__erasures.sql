-- Customer erasures (docs/privacy.md, Erasure): who asked and when, and each service's outcome (counts per store).
-- identities holds what was asked for while the erasure runs and only their keyed pseudonyms once every service
-- answered; fingerprint (a keyed pseudonym of the identities, never the identities) finds a pending request for the
-- same identities, so asking again answers that erasure.
CREATE TABLE ${flyway:defaultSchema}.erasures (
    erasure_id   text PRIMARY KEY,
    identities   text        NOT NULL,
    fingerprint  text,
    requested_by text        NOT NULL,
    requested_at timestamptz NOT NULL DEFAULT now(),
    completed_at timestamptz
);
CREATE UNIQUE INDEX erasures_one_pending_per_identities
    ON ${flyway:defaultSchema}.erasures (fingerprint) WHERE completed_at IS NULL;

-- One row per service expected to answer; completed_at is null while it has not.
CREATE TABLE ${flyway:defaultSchema}.erasure_outcomes (
    erasure_id   text NOT NULL REFERENCES ${flyway:defaultSchema}.erasures ON DELETE CASCADE,
    service      text NOT NULL,
    removed      text,
    completed_at timestamptz,
    PRIMARY KEY (erasure_id, service)
);
