package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An action's Idempotency-Key and what it was used for, kept for {@code idempotency-retention}. */
@Entity
@Table(name = "idempotency_keys", schema = "agent")
public class IdempotencyKey extends PanacheEntityBase {

    @Id
    @Column(name = "idempotency_key")
    public String key;

    @Column(name = "ce_type", nullable = false)
    public String ceType;

    @Column(name = "record_key", nullable = false)
    public String recordKey;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
