-- Retention (docs/privacy.md) finds closed conversations by age and deletes their offers with them.
CREATE INDEX IF NOT EXISTS conversations_closed
    ON ${flyway:defaultSchema}.conversations (closed_at) WHERE closed_at IS NOT NULL;
CREATE INDEX IF NOT EXISTS offers_conversation ON ${flyway:defaultSchema}.offers (conversation_id);
