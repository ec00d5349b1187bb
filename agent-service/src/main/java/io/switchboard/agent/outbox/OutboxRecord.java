package io.switchboard.agent.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An event written in the transaction of the change that caused it, published by {@link OutboxRelay}. */
@Entity
@Table(name = "outbox", schema = "agent")
public class OutboxRecord extends PanacheEntityBase {

    /** Publication order: the relay sends rows by id, so one key's events keep their order. */
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The CloudEvent id; unique, so an action retried with the same idempotency key is recorded once. */
    @Column(nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String ceType;

    @Column(nullable = false)
    public String recordKey;

    @Column(nullable = false, columnDefinition = "text")
    public String payload;

    @Column(nullable = false)
    public Instant createdAt;

    public Instant sentAt;

    /** The W3C trace context of the change, restored when the row is published (ADR 0011); null outside a trace. */
    public String traceparent;
}
