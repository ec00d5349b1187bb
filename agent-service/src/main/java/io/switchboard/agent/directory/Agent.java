package io.switchboard.agent.directory;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.DynamicUpdate;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.events.AgentPresence;

/**
 * One agent of the directory, with their presence. Every change is published whole through the outbox. Updates are
 * optimistic ({@link #rowVersion}) and write only the changed columns, so a heartbeat written beside Hibernate is
 * not overwritten.
 */
@Entity
@Table(name = "agents", schema = "agent")
@DynamicUpdate
public class Agent extends PanacheEntityBase {

    /** The id the identity provider's tokens name ({@code agent_id} claim or subject). */
    @Id
    public String id;

    @Column(nullable = false)
    public String displayName;

    /** BCP 47 tags. */
    @Convert(converter = LanguagesConverter.class)
    @Column(nullable = false)
    public List<String> languages;

    /** Skill id to proficiency 1–5: one level per skill, so a map. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> skills;

    /** Channel wire name to the most conversations at once. */
    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Integer> capacity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public AgentPresence presence;

    @Column(nullable = false)
    public Instant presenceSince;

    public String awayReason;

    public Instant wrapUpUntil;

    public boolean active;

    /** Increases with every published change; the agents topic's readers keep the highest. */
    public long version;

    /**
     * Hibernate's optimistic lock: two replicas changing one agent at once cannot both commit; the loser is a 409.
     * Not {@link #version}, which counts published changes only.
     */
    @Version
    @Column(nullable = false, columnDefinition = "bigint default 0")
    public long rowVersion;

    /** The last heartbeat of the front end's live connection. */
    public Instant lastHeartbeatAt;

    /** Offers in a row that lapsed unanswered. */
    public int missedOffers;

    /** Sets the presence, clearing what belonged to the previous one. */
    public void presence(AgentPresence next, String reason, Instant until, Instant now) {
        presence = next;
        presenceSince = now;
        awayReason = next == AgentPresence.AWAY ? reason : null;
        wrapUpUntil = next == AgentPresence.WRAP_UP ? until : null;
    }
}
