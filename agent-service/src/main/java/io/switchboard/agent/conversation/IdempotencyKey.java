package io.switchboard.agent.conversation;

import java.time.Instant;

import java.io.Serializable;
import java.util.Objects;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * An action's Idempotency-Key, the agent's own (the key is unique per agent), and what it was used for, kept for
 * {@code idempotency-retention}.
 */
@Entity
@Table(name = "idempotency_keys", schema = "agent")
@IdClass(IdempotencyKey.Id.class)
public class IdempotencyKey extends PanacheEntityBase {

    @jakarta.persistence.Id
    @Column(name = "agent_id")
    public String agentId;

    @jakarta.persistence.Id
    @Column(name = "idempotency_key")
    public String key;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The primary key: agent and key. */
    public static class Id implements Serializable {

        public String agentId;
        public String key;

        public Id() {
        }

        public Id(String agentId, String key) {
            this.agentId = agentId;
            this.key = key;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Id id && Objects.equals(agentId, id.agentId) && Objects.equals(key, id.key);
        }

        @Override
        public int hashCode() {
            return Objects.hash(agentId, key);
        }
    }
}
