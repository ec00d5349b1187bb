package io.switchboard.routing.store;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The {@code routing} schema, created at start when missing (idempotent DDL, so every replica may run it). The
 * arbiters of the routing rules live here: one open conversation per key (partial unique index), one pending offer
 * per conversation (partial unique index), each input event once (inbox primary key); capacity is taken only by
 * {@code UPDATE agent_load ... WHERE active < capacity}.
 */
@ApplicationScoped
public class Schema {

    static final List<String> DDL = List.of(
            "CREATE SCHEMA IF NOT EXISTS routing",
            "CREATE TABLE IF NOT EXISTS routing.inbox ("
                    + " event_id text PRIMARY KEY,"
                    + " processed_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS routing.outbox ("
                    + " id bigserial PRIMARY KEY,"
                    + " event_id text NOT NULL,"
                    + " ce_type text NOT NULL,"
                    + " payload bytea NOT NULL,"
                    + " created_at timestamptz NOT NULL DEFAULT now())",
            // The trace context of the work that wrote the row, restored on the published record (ADR 0011).
            "ALTER TABLE routing.outbox ADD COLUMN IF NOT EXISTS traceparent text",
            "CREATE TABLE IF NOT EXISTS routing.agents ("
                    + " agent_id text PRIMARY KEY,"
                    + " presence text NOT NULL,"
                    + " presence_since timestamptz,"
                    + " active boolean NOT NULL,"
                    + " skills jsonb NOT NULL DEFAULT '{}',"
                    + " version bigint NOT NULL,"
                    + " last_assigned_at timestamptz,"
                    + " updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE TABLE IF NOT EXISTS routing.agent_load ("
                    + " agent_id text NOT NULL,"
                    + " channel text NOT NULL,"
                    + " active integer NOT NULL DEFAULT 0 CHECK (active >= 0),"
                    + " capacity integer NOT NULL CHECK (capacity >= 0),"
                    + " PRIMARY KEY (agent_id, channel))",
            "CREATE TABLE IF NOT EXISTS routing.conversations ("
                    + " conversation_id text PRIMARY KEY,"
                    + " conversation_key text NOT NULL,"
                    + " channel text NOT NULL,"
                    + " channel_account_id text NOT NULL,"
                    + " queue_id text NOT NULL,"
                    + " priority integer NOT NULL,"
                    + " state text NOT NULL CHECK (state IN ('queued', 'offered', 'assigned', 'resolved', 'abandoned')),"
                    + " agent_id text,"
                    + " opened_at timestamptz NOT NULL DEFAULT now(),"
                    + " queued_at timestamptz NOT NULL DEFAULT now(),"
                    + " assigned_at timestamptz,"
                    + " closed_at timestamptz)",
            "CREATE UNIQUE INDEX IF NOT EXISTS conversations_one_open_per_key"
                    + " ON routing.conversations (conversation_key) WHERE closed_at IS NULL",
            "CREATE INDEX IF NOT EXISTS conversations_waiting"
                    + " ON routing.conversations (priority DESC, queued_at) WHERE state = 'queued'",
            "CREATE TABLE IF NOT EXISTS routing.offers ("
                    + " offer_id text PRIMARY KEY,"
                    + " conversation_id text NOT NULL REFERENCES routing.conversations,"
                    + " agent_id text NOT NULL,"
                    + " channel text NOT NULL,"
                    + " state text NOT NULL CHECK (state IN ('pending', 'accepted', 'declined', 'expired', 'withdrawn')),"
                    + " explanation jsonb NOT NULL,"
                    + " offered_at timestamptz NOT NULL DEFAULT now(),"
                    + " expires_at timestamptz NOT NULL,"
                    + " decided_at timestamptz)",
            "CREATE UNIQUE INDEX IF NOT EXISTS offers_one_pending_per_conversation"
                    + " ON routing.offers (conversation_id) WHERE state = 'pending'",
            "CREATE INDEX IF NOT EXISTS offers_pending_expiry ON routing.offers (expires_at) WHERE state = 'pending'",
            // Customer messages of a conversation that is not assigned yet: routed to the agent on assignment.
            "CREATE TABLE IF NOT EXISTS routing.held_messages ("
                    + " event_id text PRIMARY KEY,"
                    + " conversation_id text NOT NULL REFERENCES routing.conversations,"
                    + " payload bytea NOT NULL,"
                    + " received_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS held_messages_conversation ON routing.held_messages (conversation_id)",
            // Queues as data: every saved change is a version; conversations name the version that routed them.
            "CREATE TABLE IF NOT EXISTS routing.queue_versions ("
                    + " queue_id text NOT NULL,"
                    + " version bigint NOT NULL,"
                    + " definition jsonb NOT NULL,"
                    + " source text NOT NULL CHECK (source IN ('file', 'api')),"
                    + " created_at timestamptz NOT NULL DEFAULT now(),"
                    + " PRIMARY KEY (queue_id, version))",
            "ALTER TABLE routing.conversations ADD COLUMN IF NOT EXISTS queue_version bigint NOT NULL DEFAULT 1",
            "ALTER TABLE routing.conversations ADD COLUMN IF NOT EXISTS escalation_step integer NOT NULL DEFAULT 0",
            // A returning customer's last agent, tried first (sticky routing).
            "ALTER TABLE routing.conversations ADD COLUMN IF NOT EXISTS sticky_agent_id text",
            // Since when the conversation waits at its current escalation step (or in its current queue).
            "ALTER TABLE routing.conversations ADD COLUMN IF NOT EXISTS step_since timestamptz NOT NULL DEFAULT now()");

    private final Pool pool;

    public Schema(Pool pool) {
        this.pool = pool;
    }

    // Before the Kafka consumers start (they observe the same event later), so their first query finds the tables.
    void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
        for (String statement : DDL) {
            pool.query(statement).execute().await().atMost(Duration.ofSeconds(30));
        }
    }
}
