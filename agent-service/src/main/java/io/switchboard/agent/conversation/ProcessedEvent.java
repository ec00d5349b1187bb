package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A consumed event id, recorded with its effect so a redelivered event has none. */
@Entity
@Table(name = "processed_events", schema = "agent")
public class ProcessedEvent extends PanacheEntityBase {

    @Id
    public String eventId;

    public Instant processedAt;
}
