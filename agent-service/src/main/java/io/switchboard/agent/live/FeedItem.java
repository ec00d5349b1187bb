package io.switchboard.agent.live;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;

/**
 * One item of an agent's live feed. Written by {@link LiveFeed#append} in SQL (the sequence comes from
 * {@link FeedCursor} in the same statement) and read back by sequence; the entity only declares the table.
 */
@Entity
@Table(name = "feed", schema = "agent", uniqueConstraints = @UniqueConstraint(columnNames = { "agent_id", "seq" }))
public class FeedItem {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "agent_id", nullable = false)
    public String agentId;

    /** 1, 2, 3 … per agent, without gaps: the resume cursor of the agent's socket. */
    @Column(name = "seq", nullable = false)
    public long seq;

    @Column(name = "conversation_key")
    public String conversationKey;

    @Column(name = "type", nullable = false)
    public String type;

    @Column(name = "payload", nullable = false, columnDefinition = "text")
    public String payload;

    @Column(name = "at", nullable = false)
    public Instant at;
}
