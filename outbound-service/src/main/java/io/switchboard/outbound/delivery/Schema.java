package io.switchboard.outbound.delivery;

import java.time.Duration;
import java.util.List;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import io.quarkus.runtime.StartupEvent;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * The service's tables, created at start when missing (idempotent DDL, so every replica may run it). The
 * idempotency key is the primary key of {@code deliveries}: the conditional insert on it is what makes a command
 * sendable once, across replicas and restarts.
 */
@ApplicationScoped
public class Schema {

    static final List<String> DDL = List.of(
            "CREATE TABLE IF NOT EXISTS deliveries ("
                    + " idempotency_key text PRIMARY KEY,"
                    + " conversation_key text NOT NULL,"
                    + " channel text NOT NULL,"
                    + " channel_account_id text NOT NULL,"
                    + " state text NOT NULL,"
                    + " attempts integer NOT NULL DEFAULT 0,"
                    + " next_attempt_at timestamptz,"
                    + " channel_message_id text,"
                    + " result_type text,"
                    + " result_json text,"
                    + " receipt_rank integer NOT NULL DEFAULT 0,"
                    + " receipt_failed boolean NOT NULL DEFAULT false,"
                    + " accepted_at timestamptz,"
                    + " created_at timestamptz NOT NULL DEFAULT now(),"
                    + " updated_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS deliveries_channel_message ON deliveries (channel, channel_message_id)",
            "CREATE INDEX IF NOT EXISTS deliveries_conversation ON deliveries (conversation_key, accepted_at)",
            "CREATE TABLE IF NOT EXISTS parked_commands ("
                    + " seq bigserial PRIMARY KEY,"
                    + " sender text NOT NULL,"
                    + " idempotency_key text NOT NULL UNIQUE,"
                    + " record_key text,"
                    + " record_value bytea NOT NULL,"
                    + " record_headers bytea NOT NULL,"
                    + " parked_at timestamptz NOT NULL DEFAULT now())",
            "CREATE INDEX IF NOT EXISTS parked_commands_sender ON parked_commands (sender, seq)",
            "CREATE TABLE IF NOT EXISTS conversation_windows ("
                    + " conversation_key text PRIMARY KEY,"
                    + " channel text NOT NULL,"
                    + " last_inbound_at timestamptz,"
                    + " closed_at timestamptz)");

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
