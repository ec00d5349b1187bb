-- Retention (docs/privacy.md) finds closed conversations, transcript entries, feed items and offers by age.
CREATE INDEX IF NOT EXISTS conversations_closed_updated
    ON ${flyway:defaultSchema}.conversations (updatedAt) WHERE NOT open;
CREATE INDEX IF NOT EXISTS transcript_at ON ${flyway:defaultSchema}.transcript (at);
CREATE INDEX IF NOT EXISTS feed_at ON ${flyway:defaultSchema}.feed (at);
CREATE INDEX IF NOT EXISTS offers_expires ON ${flyway:defaultSchema}.offers (expiresAt);
CREATE INDEX IF NOT EXISTS offers_conversation_key ON ${flyway:defaultSchema}.offers (conversationKey);
