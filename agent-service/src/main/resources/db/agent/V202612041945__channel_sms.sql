-- SMS through Twilio is a channel (issue 16): the channel checks of conversations and offers take its value. The
-- checks are rebuilt whatever their generated names, and name the channels of the contract as of this version
-- (TELEGRAM too, so the order this and the Telegram channel's migration run in does not matter).
DO $$
DECLARE
    c record;
BEGIN
    FOR c IN SELECT rel.relname, con.conname FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = '${flyway:defaultSchema}' AND rel.relname IN ('conversations', 'offers')
              AND con.contype = 'c' AND pg_get_constraintdef(con.oid) LIKE '%channel%'
    LOOP
        EXECUTE format('ALTER TABLE %I.%I DROP CONSTRAINT %I', '${flyway:defaultSchema}', c.relname, c.conname);
    END LOOP;
END $$;
ALTER TABLE ${flyway:defaultSchema}.conversations ADD CONSTRAINT conversations_channel_check
    CHECK (channel IN ('WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'CUSTOM', 'TELEGRAM', 'SMS'));
ALTER TABLE ${flyway:defaultSchema}.offers ADD CONSTRAINT offers_channel_check
    CHECK (channel IN ('WHATSAPP', 'MESSENGER', 'INSTAGRAM', 'CUSTOM', 'TELEGRAM', 'SMS'));
