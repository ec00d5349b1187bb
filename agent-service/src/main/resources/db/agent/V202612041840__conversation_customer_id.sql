-- The customer's own id as the channel gave it (custom sources: user.external_id), from the routed messages: the
-- conversation key of a custom source names its conversation, not its user, and replies carry both (issue 16).
-- Retention and erasure delete whole rows, so they cover this column.
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS customerExternalId varchar(255);
