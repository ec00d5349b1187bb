-- Adopting a database made by the former Schema.java runner (see README, "Schema"): its own outbox (without topic
-- and record_key) and inbox are moved aside before db/messaging creates the shared ones under the same names; the
-- next migrations keep their rows. On a new database there is nothing to move and this changes nothing.
ALTER TABLE IF EXISTS ${flyway:defaultSchema}.outbox RENAME TO outbox_schema_java;
ALTER INDEX IF EXISTS ${flyway:defaultSchema}.outbox_pkey RENAME TO outbox_schema_java_pkey;
ALTER SEQUENCE IF EXISTS ${flyway:defaultSchema}.outbox_id_seq RENAME TO outbox_schema_java_id_seq;
ALTER TABLE IF EXISTS ${flyway:defaultSchema}.inbox RENAME TO inbox_schema_java;
ALTER INDEX IF EXISTS ${flyway:defaultSchema}.inbox_pkey RENAME TO inbox_schema_java_pkey;
