-- Receipts that arrived before outbound recorded the send they are about (the channel's webhook overtook the send's
-- answer): kept, and applied when the send is recorded with its channel message id. Rows older than
-- switchboard.outbound.receipts.pending-max-age are deleted (receipts of messages this service never sent).
CREATE TABLE ${flyway:defaultSchema}.pending_receipts (
    id                 bigserial PRIMARY KEY,
    channel            text        NOT NULL,
    channel_message_id text        NOT NULL,
    receipt_id         text        NOT NULL,
    receipt            bytea       NOT NULL,
    received_at        timestamptz NOT NULL DEFAULT now(),
    UNIQUE (receipt_id)
);
CREATE INDEX pending_receipts_message ON ${flyway:defaultSchema}.pending_receipts (channel, channel_message_id);
CREATE INDEX pending_receipts_age ON ${flyway:defaultSchema}.pending_receipts (received_at);
