-- Routing's figures per queue (switchboard.queue-stats.v1, compacted), for supervisors' wallboards (issue 13). One
-- row per queue, replaced by a newer publication; no customer content.
CREATE TABLE IF NOT EXISTS ${flyway:defaultSchema}.queue_stats (
    queueId             varchar(255) PRIMARY KEY,
    depth               jsonb        NOT NULL DEFAULT '{}',
    oldestWaitingSince  timestamp(6) with time zone,
    serviceLevelMet     bigint       NOT NULL DEFAULT 0,
    serviceLevelCounted bigint       NOT NULL DEFAULT 0,
    serviceLevelTarget  bigint,
    agentsAvailable     integer      NOT NULL DEFAULT 0,
    assigned            integer      NOT NULL DEFAULT 0,
    computedAt          timestamp(6) with time zone NOT NULL,
    updatedAt           timestamp(6) with time zone NOT NULL
);
