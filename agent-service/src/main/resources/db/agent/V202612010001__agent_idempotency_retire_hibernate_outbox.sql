-- Idempotency-Key answers get a table of their own: the shared outbox deletes what it published, so it can no longer
-- tell a retried click from a new one.
CREATE TABLE ${flyway:defaultSchema}.idempotency_keys (
    idempotency_key varchar(255) PRIMARY KEY,
    -- What the key was used for: a retry of the same action is answered as before, anything else is a 409.
    ce_type         varchar(255) NOT NULL,
    record_key      varchar(255) NOT NULL,
    created_at      timestamptz  NOT NULL DEFAULT now()
);

CREATE INDEX idempotency_keys_created_at ON ${flyway:defaultSchema}.idempotency_keys (created_at);

-- An adopted database (README.md, Database) still has Hibernate's outbox (with sentAt) and processed_events. Their
-- rows are carried over, then the tables go, so db/messaging's V202612020001 can create the shared outbox and inbox
-- under the same names. A new database has neither: nothing happens.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = '${flyway:defaultSchema}'
               AND table_name = 'outbox' AND column_name = 'sentat') THEN
        INSERT INTO ${flyway:defaultSchema}.idempotency_keys (idempotency_key, ce_type, record_key, created_at)
        SELECT eventId, ceType, recordKey, createdAt FROM ${flyway:defaultSchema}.outbox
        WHERE ceType <> 'switchboard.agent.state-changed'
        ON CONFLICT DO NOTHING;
        -- Not yet published: kept aside and appended to the shared outbox by V202612020002.
        CREATE TABLE ${flyway:defaultSchema}.outbox_unsent_hibernate AS
            SELECT id, eventId AS event_id, ceType AS ce_type, recordKey AS record_key, payload, traceparent,
                   createdAt AS created_at
            FROM ${flyway:defaultSchema}.outbox WHERE sentAt IS NULL;
        DROP TABLE ${flyway:defaultSchema}.outbox;
    END IF;
    IF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = '${flyway:defaultSchema}'
               AND table_name = 'processed_events') THEN
        CREATE TABLE ${flyway:defaultSchema}.inbox_hibernate AS
            SELECT eventId AS event_id, coalesce(processedAt, now()) AS processed_at
            FROM ${flyway:defaultSchema}.processed_events;
        DROP TABLE ${flyway:defaultSchema}.processed_events;
    END IF;
END;
$$;
