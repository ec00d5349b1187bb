-- Meta's handover protocol (docs/channels.md §3.8): who controls a conversation's Messenger or Instagram thread, as
-- routing reports it ('switchboard' or the other app's id; null: never reported, Switchboard), and which customer
-- messages came while another app had it (standby). Retention and erasure delete whole rows.
ALTER TABLE ${flyway:defaultSchema}.conversations ADD COLUMN IF NOT EXISTS threadOwner varchar(255);
ALTER TABLE ${flyway:defaultSchema}.transcript ADD COLUMN IF NOT EXISTS standby boolean NOT NULL DEFAULT false;
