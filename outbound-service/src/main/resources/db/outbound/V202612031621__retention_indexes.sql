-- Retention (docs/privacy.md) finds finished deliveries and long-closed windows by age.
CREATE INDEX IF NOT EXISTS deliveries_finished
    ON ${flyway:defaultSchema}.deliveries (updated_at) WHERE state IN ('SENT', 'FAILED', 'UNKNOWN');
CREATE INDEX IF NOT EXISTS windows_last_inbound ON ${flyway:defaultSchema}.conversation_windows (last_inbound_at);
