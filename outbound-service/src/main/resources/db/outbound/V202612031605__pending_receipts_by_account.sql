-- A receipt matches a delivery on channel, account and message id (a custom source chooses its own message ids, so
-- two sources may return the same one). Rows kept before this have no account and are never matched: they expire
-- with switchboard.outbound.receipts.pending-max-age.
ALTER TABLE ${flyway:defaultSchema}.pending_receipts ADD COLUMN channel_account_id text NOT NULL DEFAULT '';
DROP INDEX ${flyway:defaultSchema}.pending_receipts_message;
CREATE INDEX pending_receipts_message
    ON ${flyway:defaultSchema}.pending_receipts (channel, channel_account_id, channel_message_id);
