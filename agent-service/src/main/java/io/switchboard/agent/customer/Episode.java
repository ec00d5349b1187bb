package io.switchboard.agent.customer;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.events.Channel;

/**
 * One conversation episode (routing's {@code conversationId}) of a conversation key: agent-service's view keeps
 * only the current episode, this keeps every one, so a closed episode's transcript can still be found.
 */
@Entity
@Table(name = "episodes", schema = "agent")
public class Episode extends PanacheEntityBase {

    public static final String RESOLVED = "resolved";
    public static final String ABANDONED = "abandoned";

    @Id
    public String conversationId;

    @Column(nullable = false)
    public String conversationKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    public String queueId;

    /** The last agent it was assigned to. */
    public String agentId;

    @Column(nullable = false)
    public Instant openedAt;

    /** Null while open. */
    public Instant closedAt;

    /** {@value #RESOLVED} or {@value #ABANDONED}; null while open. */
    public String outcome;

    /** A resolution's disposition ({@code solved}, {@code follow_up} …). */
    public String disposition;

    /** The resolution's note, or why it was abandoned ({@code customer_inactive} …). */
    @Column(columnDefinition = "text")
    public String reason;
}
