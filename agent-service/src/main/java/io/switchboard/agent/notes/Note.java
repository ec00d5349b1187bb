package io.switchboard.agent.notes;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** An internal note on a conversation episode: for agents and supervisors only, never sent to the customer. */
@Entity
@Table(name = "notes", schema = "agent")
public class Note extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** From the author and the request's Idempotency-Key (ActionIds): a retry finds the note it made. */
    @Column(nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String conversationKey;

    @Column(nullable = false)
    public String conversationId;

    @Column(nullable = false)
    public String authorId;

    /** {@code agent}, {@code supervisor} or {@code admin}. */
    @Column(nullable = false)
    public String authorRole;

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    @Column(nullable = false)
    public Instant at;
}
