-- Supervisors search conversations by customer, agent, queue, state and time (issue 13): the episode's state and
-- opening, and the customer's id on the channel (the key's last part), each with an index for its filter, newest
-- first. Rows from before get what can be derived.
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS state varchar(16);
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS openedAt timestamp(6) with time zone;
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS customerId varchar(255);
UPDATE ${flyway:defaultSchema}.conversations
   SET state = CASE WHEN open AND agentId IS NOT NULL THEN 'assigned' WHEN open THEN 'queued' ELSE 'resolved' END,
       openedAt = coalesce(updatedAt, now()),
       customerId = substring(conversationKey from '^[^:]*:[^:]*:(.*)$')
 WHERE state IS NULL;
CREATE INDEX IF NOT EXISTS conversations_search_opened
    ON ${flyway:defaultSchema}.conversations (openedAt DESC, conversationKey);
CREATE INDEX IF NOT EXISTS conversations_search_agent
    ON ${flyway:defaultSchema}.conversations (agentId, openedAt DESC);
CREATE INDEX IF NOT EXISTS conversations_search_queue
    ON ${flyway:defaultSchema}.conversations (queueId, openedAt DESC);
CREATE INDEX IF NOT EXISTS conversations_search_state
    ON ${flyway:defaultSchema}.conversations (state, openedAt DESC);
CREATE INDEX IF NOT EXISTS conversations_search_customer
    ON ${flyway:defaultSchema}.conversations (customerId, openedAt DESC);
