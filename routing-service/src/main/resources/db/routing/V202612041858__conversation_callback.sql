-- A conversation opened by a call its queue turns into a callback task (docs/channels.md §2.11): its offers say so.
ALTER TABLE routing.conversations ADD COLUMN IF NOT EXISTS callback boolean NOT NULL DEFAULT false;
