-- Meta's handover protocol (docs/channels.md §3.8): who controls a Messenger or Instagram thread, per conversation
-- key, and the 'standby' state of a conversation another app's thread holds (kept, never offered).
ALTER TABLE ${flyway:defaultSchema}.conversations DROP CONSTRAINT IF EXISTS conversations_state_check;
ALTER TABLE ${flyway:defaultSchema}.conversations ADD CONSTRAINT conversations_state_check
    CHECK (state IN ('queued', 'offered', 'assigned', 'resolved', 'abandoned', 'standby'));

CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.thread_control (
    conversation_key    text        PRIMARY KEY,
    -- null: Switchboard controls the thread (or it is idle); 'unknown' when a standby message showed another app
    -- has it without saying which
    owner_app_id        text,
    -- Switchboard took the thread (take_thread_control): it passes it back when the conversation is resolved
    taken_by_us         boolean     NOT NULL DEFAULT false,
    requested_by_app_id text,
    requested_metadata  text,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
