-- outbound-service's tables as the former Schema.java created them at start (issue 11: Flyway owns the schema now).
-- An existing database is adopted as outbound-service/README.md (Database) says: the tables are moved into the
-- schema and this version is recorded as the baseline instead of being run.

-- The idempotency key is the primary key: the conditional insert on it is what makes a command sendable once,
-- across replicas and restarts.
CREATE TABLE ${flyway:defaultSchema}.deliveries (
    idempotency_key    text PRIMARY KEY,
    conversation_key   text        NOT NULL,
    channel            text        NOT NULL,
    channel_account_id text        NOT NULL,
    state              text        NOT NULL,
    attempts           integer     NOT NULL DEFAULT 0,
    next_attempt_at    timestamptz,
    channel_message_id text,
    result_type        text,
    result_json        text,
    receipt_rank       integer     NOT NULL DEFAULT 0,
    receipt_failed     boolean     NOT NULL DEFAULT false,
    accepted_at        timestamptz,
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX deliveries_channel_message ON ${flyway:defaultSchema}.deliveries (channel, channel_message_id);
CREATE INDEX deliveries_conversation ON ${flyway:defaultSchema}.deliveries (conversation_key, accepted_at);

-- A sender's commands beyond what it may hold in memory, the Kafka record byte for byte, in arrival order.
CREATE TABLE ${flyway:defaultSchema}.parked_commands (
    seq             bigserial PRIMARY KEY,
    sender          text        NOT NULL,
    idempotency_key text        NOT NULL UNIQUE,
    record_key      text,
    record_value    bytea       NOT NULL,
    record_headers  bytea       NOT NULL,
    parked_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX parked_commands_sender ON ${flyway:defaultSchema}.parked_commands (sender, seq);

-- The messaging window per conversation: the last customer message and the channel's last "window closed".
CREATE TABLE ${flyway:defaultSchema}.conversation_windows (
    conversation_key text PRIMARY KEY,
    channel          text NOT NULL,
    last_inbound_at  timestamptz,
    closed_at        timestamptz
);
