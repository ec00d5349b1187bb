package io.switchboard.agent.supervisor;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** The latest figures routing published for one queue ({@code QueueStatsChanged}). */
@Entity
@Table(name = "queue_stats", schema = "agent")
public class QueueStatsRow extends PanacheEntityBase {

    @Id
    public String queueId;

    /** Waiting conversations by channel wire name. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public Map<String, Integer> depth;

    public Instant oldestWaitingSince;

    public long serviceLevelMet;

    public long serviceLevelCounted;

    /** Seconds; null when the queue has no target. */
    public Long serviceLevelTarget;

    public int agentsAvailable;

    public int assigned;

    /** When routing computed the figures: a publication older than this one is ignored. */
    @Column(nullable = false)
    public Instant computedAt;

    @Column(nullable = false)
    public Instant updatedAt;
}
