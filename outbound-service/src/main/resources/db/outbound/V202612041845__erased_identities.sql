-- The customers outbound erased, by keyed pseudonym of (key prefix, user id) and when (docs/privacy.md, Erasure): a
-- reply command or inbound message requested before that time and delivered late (a redelivery after a crash, a
-- command still on the topic) must not bring their rows back. Kept past the topics' retention, then pruned.
CREATE TABLE ${flyway:defaultSchema}.erased_identities (
    ref       text PRIMARY KEY,
    erased_at timestamptz NOT NULL
);
