package io.switchboard.agent.live;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The last sequence given out in an agent's feed. Incremented by an upsert that locks the row until the commit, so
 * one agent's items commit in sequence order and a reader never sees seq n+1 before n.
 */
@Entity
@Table(name = "feed_cursors", schema = "agent")
public class FeedCursor {

    @Id
    @Column(name = "agent_id")
    public String agentId;

    @Column(name = "last_seq", nullable = false)
    public long lastSeq;
}
