-- Where a parked command was read (partition, offset), so its dead letter names it like any other record's.
ALTER TABLE ${flyway:defaultSchema}.parked_commands ADD COLUMN record_partition integer NOT NULL DEFAULT -1;
ALTER TABLE ${flyway:defaultSchema}.parked_commands ADD COLUMN record_offset bigint NOT NULL DEFAULT -1;
