-- Why an offer was made when not for a customer's message: callback_requested (a call the queue turns into a
-- callback task, docs/channels.md §2.11). Null for every earlier offer.
ALTER TABLE ${flyway:defaultSchema}.offers ADD COLUMN IF NOT EXISTS reason varchar(64);
