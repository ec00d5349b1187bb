-- routing's own tables, as the former Schema.java left them (its outbox and inbox are db/messaging's now). IF NOT
-- EXISTS so that a database Schema.java made is adopted by running this (README, "Schema").
-- The arbiters of the routing rules live here: one open conversation per key (partial unique index), one pending
-- offer per conversation (partial unique index); capacity is taken only by
-- UPDATE agent_load ... WHERE active < capacity.

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.agents (
    agent_id         text        PRIMARY KEY,
    presence         text        NOT NULL,
    presence_since   timestamptz,
    active           boolean     NOT NULL,
    skills           jsonb       NOT NULL DEFAULT '{}',
    version          bigint      NOT NULL,
    last_assigned_at timestamptz,
    updated_at       timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.agent_load (
    agent_id text    NOT NULL,
    channel  text    NOT NULL,
    active   integer NOT NULL DEFAULT 0 CHECK (active >= 0),
    capacity integer NOT NULL CHECK (capacity >= 0),
    PRIMARY KEY (agent_id, channel)
);

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.conversations (
    conversation_id    text        PRIMARY KEY,
    conversation_key   text        NOT NULL,
    channel            text        NOT NULL,
    channel_account_id text        NOT NULL,
    queue_id           text        NOT NULL,
    priority           integer     NOT NULL,
    state              text        NOT NULL CHECK (state IN ('queued', 'offered', 'assigned', 'resolved', 'abandoned')),
    agent_id           text,
    opened_at          timestamptz NOT NULL DEFAULT now(),
    queued_at          timestamptz NOT NULL DEFAULT now(),
    assigned_at        timestamptz,
    closed_at          timestamptz,
    -- The queue version that routed it (queues as data, ADR 0008).
    queue_version      bigint      NOT NULL DEFAULT 1,
    escalation_step    integer     NOT NULL DEFAULT 0,
    -- A returning customer's last agent, tried first (sticky routing).
    sticky_agent_id    text,
    -- Since when it waits at its current escalation step (or in its current queue).
    step_since         timestamptz NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX IF NOT EXISTS conversations_one_open_per_key
    ON ${flyway:defaultSchema}.conversations (conversation_key) WHERE closed_at IS NULL;
CREATE INDEX IF NOT EXISTS conversations_waiting
    ON ${flyway:defaultSchema}.conversations (priority DESC, queued_at) WHERE state = 'queued';

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.offers (
    offer_id        text        PRIMARY KEY,
    conversation_id text        NOT NULL REFERENCES ${flyway:defaultSchema}.conversations,
    agent_id        text        NOT NULL,
    channel         text        NOT NULL,
    state           text        NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),
    explanation     jsonb       NOT NULL,
    offered_at      timestamptz NOT NULL DEFAULT now(),
    expires_at      timestamptz NOT NULL,
    decided_at      timestamptz
);

CREATE UNIQUE INDEX IF NOT EXISTS offers_one_pending_per_conversation
    ON ${flyway:defaultSchema}.offers (conversation_id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS offers_pending_expiry
    ON ${flyway:defaultSchema}.offers (expires_at) WHERE state = 'pending';

-- Customer messages of a conversation that is not assigned yet: routed to the agent on assignment.
CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.held_messages (
    event_id        text        PRIMARY KEY,
    conversation_id text        NOT NULL REFERENCES ${flyway:defaultSchema}.conversations,
    payload         bytea       NOT NULL,
    received_at     timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX IF NOT EXISTS held_messages_conversation ON ${flyway:defaultSchema}.held_messages (conversation_id);

-- Queues as data: every saved change is a version; conversations name the version that routed them.
CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.queue_versions (
    queue_id   text        NOT NULL,
    version    bigint      NOT NULL,
    definition jsonb       NOT NULL,
    source     text        NOT NULL CHECK (source IN ('file', 'api')),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (queue_id, version)
);
