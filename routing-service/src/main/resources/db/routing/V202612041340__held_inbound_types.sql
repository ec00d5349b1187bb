-- Held customer events are not only messages: reactions, edits and unsends of a waiting conversation are held too,
-- and routed in order with the messages when it is assigned. Rows held before this change are messages.
ALTER TABLE ${flyway:defaultSchema}.held_messages
    ADD COLUMN IF NOT EXISTS event_type text NOT NULL DEFAULT 'switchboard.message.received';
