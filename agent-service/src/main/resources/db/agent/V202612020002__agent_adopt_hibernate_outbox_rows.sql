-- Second half of V202612010001 for an adopted database: the unpublished rows of Hibernate's outbox go to the shared
-- outbox (in their order; the topic by event type, as agent-service publishes them) and the processed ids to the
-- shared inbox. A new database has neither holding table: nothing happens.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = '${flyway:defaultSchema}'
               AND table_name = 'outbox_unsent_hibernate') THEN
        INSERT INTO ${flyway:defaultSchema}.outbox (event_id, ce_type, topic, record_key, payload, traceparent,
                                                    created_at)
        SELECT event_id, ce_type,
               CASE ce_type
                   WHEN 'switchboard.agent.state-changed' THEN 'switchboard.agents.v1'
                   WHEN 'switchboard.reply.requested' THEN 'switchboard.outbound.v1'
                   ELSE 'switchboard.agent-actions.v1'
               END,
               record_key, convert_to(payload, 'UTF8'), traceparent, created_at
        FROM ${flyway:defaultSchema}.outbox_unsent_hibernate ORDER BY id;
        DROP TABLE ${flyway:defaultSchema}.outbox_unsent_hibernate;
    END IF;
    IF EXISTS (SELECT 1 FROM information_schema.tables WHERE table_schema = '${flyway:defaultSchema}'
               AND table_name = 'inbox_hibernate') THEN
        INSERT INTO ${flyway:defaultSchema}.inbox (event_id, processed_at)
        SELECT event_id, processed_at FROM ${flyway:defaultSchema}.inbox_hibernate ON CONFLICT DO NOTHING;
        DROP TABLE ${flyway:defaultSchema}.inbox_hibernate;
    END IF;
END;
$$;
