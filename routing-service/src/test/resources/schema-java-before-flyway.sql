-- The routing schema as the former Schema.java runner created it (its last version, before Flyway), for
-- SchemaAdoptionTest. ${schema} is replaced by the test's own schema name.
CREATE SCHEMA IF NOT EXISTS ${schema};
CREATE TABLE IF NOT EXISTS ${schema}.inbox ( event_id text PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS ${schema}.outbox ( id bigserial PRIMARY KEY, event_id text NOT NULL, ce_type text NOT NULL, payload bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
ALTER TABLE ${schema}.outbox ADD COLUMN IF NOT EXISTS traceparent text;
CREATE TABLE IF NOT EXISTS ${schema}.agents ( agent_id text PRIMARY KEY, presence text NOT NULL, presence_since timestamptz, active boolean NOT NULL, skills jsonb NOT NULL DEFAULT '{}', version bigint NOT NULL, last_assigned_at timestamptz, updated_at timestamptz NOT NULL DEFAULT now());
CREATE TABLE IF NOT EXISTS ${schema}.agent_load ( agent_id text NOT NULL, channel text NOT NULL, active integer NOT NULL DEFAULT 0 CHECK (active >= 0), capacity integer NOT NULL CHECK (capacity >= 0), PRIMARY KEY (agent_id, channel));
CREATE TABLE IF NOT EXISTS ${schema}.conversations ( conversation_id text PRIMARY KEY, conversation_key text NOT NULL, channel text NOT NULL, channel_account_id text NOT NULL, queue_id text NOT NULL, priority integer NOT NULL, state text NOT NULL CHECK (state IN ('queued', 'offered', 'assigned', 'resolved', 'abandoned')), agent_id text, opened_at timestamptz NOT NULL DEFAULT now(), queued_at timestamptz NOT NULL DEFAULT now(), assigned_at timestamptz, closed_at timestamptz);
CREATE UNIQUE INDEX IF NOT EXISTS conversations_one_open_per_key ON ${schema}.conversations (conversation_key) WHERE closed_at IS NULL;
CREATE INDEX IF NOT EXISTS conversations_waiting ON ${schema}.conversations (priority DESC, queued_at) WHERE state = 'queued';
CREATE TABLE IF NOT EXISTS ${schema}.offers ( offer_id text PRIMARY KEY, conversation_id text NOT NULL REFERENCES ${schema}.conversations, agent_id text NOT NULL, channel text NOT NULL, state text NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')), explanation jsonb NOT NULL, offered_at timestamptz NOT NULL DEFAULT now(), expires_at timestamptz NOT NULL, decided_at timestamptz);
CREATE UNIQUE INDEX IF NOT EXISTS offers_one_pending_per_conversation ON ${schema}.offers (conversation_id) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS offers_pending_expiry ON ${schema}.offers (expires_at) WHERE state = 'pending';
CREATE TABLE IF NOT EXISTS ${schema}.held_messages ( event_id text PRIMARY KEY, conversation_id text NOT NULL REFERENCES ${schema}.conversations, payload bytea NOT NULL, received_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX IF NOT EXISTS held_messages_conversation ON ${schema}.held_messages (conversation_id);
CREATE TABLE IF NOT EXISTS ${schema}.queue_versions ( queue_id text NOT NULL, version bigint NOT NULL, definition jsonb NOT NULL, source text NOT NULL CHECK (source IN ('file', 'api')), created_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (queue_id, version));
ALTER TABLE ${schema}.conversations ADD COLUMN IF NOT EXISTS queue_version bigint NOT NULL DEFAULT 1;
ALTER TABLE ${schema}.conversations ADD COLUMN IF NOT EXISTS escalation_step integer NOT NULL DEFAULT 0;
ALTER TABLE ${schema}.conversations ADD COLUMN IF NOT EXISTS sticky_agent_id text;
ALTER TABLE ${schema}.conversations ADD COLUMN IF NOT EXISTS step_since timestamptz NOT NULL DEFAULT now();
