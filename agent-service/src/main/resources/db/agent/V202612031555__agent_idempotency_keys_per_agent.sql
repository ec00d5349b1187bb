-- An Idempotency-Key is the agent's own (issue 15): two agents may use the same key, and the action's event id is
-- derived from agent and key (conversation.ActionIds). Keys stored before this have no agent: '' matches nobody,
-- and they are pruned after idempotency-retention like the rest.
ALTER TABLE ${flyway:defaultSchema}.idempotency_keys ADD COLUMN agent_id varchar(255) NOT NULL DEFAULT '';
ALTER TABLE ${flyway:defaultSchema}.idempotency_keys DROP CONSTRAINT idempotency_keys_pkey;
ALTER TABLE ${flyway:defaultSchema}.idempotency_keys ADD PRIMARY KEY (agent_id, idempotency_key);
ALTER TABLE ${flyway:defaultSchema}.idempotency_keys ALTER COLUMN agent_id DROP DEFAULT;
