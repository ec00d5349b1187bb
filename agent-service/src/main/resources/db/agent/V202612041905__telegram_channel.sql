-- Telegram is a channel (issue 16): conversations and offers may name it. The baseline's CHECKs listed the channels
-- of the time by their enum names; they are replaced, with the same names, by lists that include TELEGRAM.
ALTER TABLE ${flyway:defaultSchema}.conversations DROP CONSTRAINT IF EXISTS conversations_channel_check;
ALTER TABLE ${flyway:defaultSchema}.conversations ADD CONSTRAINT conversations_channel_check
    CHECK (channel IN ('WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'CUSTOM', 'TELEGRAM'));
ALTER TABLE ${flyway:defaultSchema}.offers DROP CONSTRAINT IF EXISTS offers_channel_check;
ALTER TABLE ${flyway:defaultSchema}.offers ADD CONSTRAINT offers_channel_check
    CHECK (channel IN ('WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'CUSTOM', 'TELEGRAM'));
