-- Fair dispatch, maximum wait, inactivity and service levels (README, "Queues").

-- Since when it waits in its current queue without having had an agent: the maximum wait counts from here. Set again
-- when it overflows, is transferred to a queue, or goes back to waiting because its agent left; not when an offer
-- comes to nothing (it never had an agent). queued_at stays its age, the waiting order.
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS wait_since timestamptz NOT NULL DEFAULT now();
-- The customer's last message while the conversation is open: the inactivity timeout counts from the later of this
-- and the assignment.
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS last_message_at timestamptz;
-- When an agent first had it (assigned_at moves on with a transfer): what the service level measures.
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS first_assigned_at timestamptz;

UPDATE ${flyway:defaultSchema}.conversations SET wait_since = queued_at WHERE state IN ('queued', 'offered');
UPDATE ${flyway:defaultSchema}.conversations SET first_assigned_at = assigned_at WHERE assigned_at IS NOT NULL;

-- The head of every queue on every channel, each one index probe (Dispatch), and those past a queue's maximum wait.
CREATE INDEX IF NOT EXISTS conversations_waiting_by_queue ON ${flyway:defaultSchema}.conversations
    (queue_id, channel, priority DESC, queued_at, conversation_id) WHERE state = 'queued';
CREATE INDEX IF NOT EXISTS conversations_waiting_since ON ${flyway:defaultSchema}.conversations
    (queue_id, wait_since) WHERE state = 'queued';
-- Assigned conversations of a queue (inactivity).
CREATE INDEX IF NOT EXISTS conversations_assigned_by_queue ON ${flyway:defaultSchema}.conversations
    (queue_id, assigned_at) WHERE state = 'assigned';
-- The service level's window: conversations answered or abandoned recently.
CREATE INDEX IF NOT EXISTS conversations_first_assigned ON ${flyway:defaultSchema}.conversations (first_assigned_at)
    WHERE first_assigned_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS conversations_abandoned ON ${flyway:defaultSchema}.conversations (closed_at)
    WHERE state = 'abandoned';
