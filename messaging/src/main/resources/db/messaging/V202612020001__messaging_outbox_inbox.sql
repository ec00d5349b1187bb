-- The tables of the shared messaging core (module messaging), created in the schema of the service that runs the
-- migration (its Flyway default schema). Every service that owns tables lists db/messaging next to its own
-- migrations; versions are timestamps (yyyyMMddHHmm) so the two locations interleave without clashing.

-- The transactional outbox: rows appended in the caller's transaction, published by OutboxRelay in id order and
-- deleted once the broker acknowledged them. topic and record_key are stored so a row Kafka refuses can be set
-- aside as a dead letter without decoding it.
CREATE TABLE ${flyway:defaultSchema}.outbox (
    id          bigserial PRIMARY KEY,
    event_id    text        NOT NULL,
    ce_type     text        NOT NULL,
    topic       text        NOT NULL,
    record_key  text,
    payload     bytea       NOT NULL,
    -- The W3C trace context of the work that wrote the row, restored on the published record (ADR 0011).
    traceparent text,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- Wakes the relays of every replica at commit (NOTIFY is delivered when the inserting transaction commits).
CREATE FUNCTION ${flyway:defaultSchema}.outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify(TG_TABLE_SCHEMA || '_outbox', '');
    RETURN NULL;
END;
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON ${flyway:defaultSchema}.outbox
    FOR EACH STATEMENT EXECUTE FUNCTION ${flyway:defaultSchema}.outbox_notify();

-- The idempotent consumer: an input event's id, committed with its effect. Kept for the retention that covers the
-- channels' redelivery horizon, then pruned by processed_at.
CREATE TABLE ${flyway:defaultSchema}.inbox (
    event_id     text        PRIMARY KEY,
    processed_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX inbox_processed_at ON ${flyway:defaultSchema}.inbox (processed_at);
