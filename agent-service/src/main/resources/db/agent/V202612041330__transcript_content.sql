-- Every inbound kind with its content (issue 13): the channel's message id (reactions, edits, unsends and quotes
-- name messages by it), the message the entry is about, the structured content as JSON, and the marks an edit or
-- unsend leaves on the message it changed. Retention and erasure delete whole rows, so they cover these columns.
ALTER TABLE ${flyway:defaultSchema}.transcript ADD COLUMN IF NOT EXISTS externalMessageId varchar(255);
ALTER TABLE ${flyway:defaultSchema}.transcript ADD COLUMN IF NOT EXISTS refersTo varchar(255);
ALTER TABLE ${flyway:defaultSchema}.transcript ADD COLUMN IF NOT EXISTS content jsonb;
ALTER TABLE ${flyway:defaultSchema}.transcript ADD COLUMN IF NOT EXISTS editedAt timestamp(6) with time zone;
ALTER TABLE ${flyway:defaultSchema}.transcript ADD COLUMN IF NOT EXISTS revokedAt timestamp(6) with time zone;
-- An edit or unsend finds the message it is about by the channel's id within the conversation.
CREATE INDEX IF NOT EXISTS transcript_external_message
    ON ${flyway:defaultSchema}.transcript (conversationKey, externalMessageId) WHERE externalMessageId IS NOT NULL;
