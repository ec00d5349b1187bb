-- Erasures outbound carried out (docs/privacy.md, Erasure): taken in the erasing transaction, so a redelivered request
-- removes nothing and is answered again with the counts of the first run. No identities: counts per store only.
CREATE TABLE ${flyway:defaultSchema}.erasures_done (
    erasure_id   text PRIMARY KEY,
    removed      text        NOT NULL,
    completed_at timestamptz NOT NULL DEFAULT now()
);
