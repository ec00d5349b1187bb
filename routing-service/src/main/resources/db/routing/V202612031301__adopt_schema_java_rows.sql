-- Second half of adopting a Schema.java database (V202612010000 moved its tables aside): the ids it processed stay
-- processed, and events it had not published yet are published by the shared relay, on the topic their type names
-- and keyed by their conversation, as the old relay would have. On a new database there is nothing to do.
DO $$
BEGIN
    IF to_regclass('${flyway:defaultSchema}.inbox_schema_java') IS NOT NULL THEN
        INSERT INTO ${flyway:defaultSchema}.inbox (event_id, processed_at)
            SELECT event_id, processed_at FROM ${flyway:defaultSchema}.inbox_schema_java
            ON CONFLICT (event_id) DO NOTHING;
        DROP TABLE ${flyway:defaultSchema}.inbox_schema_java;
    END IF;
    IF to_regclass('${flyway:defaultSchema}.outbox_schema_java') IS NOT NULL THEN
        -- routing publishes conversation events on switchboard.routing.v1 and automated replies on
        -- switchboard.outbound.v1, all keyed by the conversation key.
        INSERT INTO ${flyway:defaultSchema}.outbox (event_id, ce_type, topic, record_key, payload, traceparent,
                created_at)
            SELECT event_id, ce_type,
                   CASE WHEN ce_type = 'switchboard.reply.requested' THEN 'switchboard.outbound.v1'
                        ELSE 'switchboard.routing.v1' END,
                   convert_from(payload, 'UTF8')::jsonb ->> 'conversationKey', payload, traceparent, created_at
            FROM ${flyway:defaultSchema}.outbox_schema_java ORDER BY id;
        DROP TABLE ${flyway:defaultSchema}.outbox_schema_java;
    END IF;
END
$$;
