package io.switchboard.agent.customer;

import java.time.Instant;
import java.util.Map;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.events.Channel;

/**
 * The customer behind a conversation key, from the {@code Customer} that routed messages carry: the newest name,
 * username and language the channel gave, every identity seen (kind to id), and when they first and last wrote.
 */
@Entity
@Table(name = "customers", schema = "agent")
public class CustomerProfile extends PanacheEntityBase {

    @Id
    public String conversationKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String channelAccountId;

    public String externalUserId;

    public String displayName;

    public String username;

    public String language;

    /** A JSON object in the column ({@code {"wa_id": "16505551234", "bsuid": "US.13491208655302741918"}}). */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false, columnDefinition = "jsonb")
    public Map<String, String> identities;

    @Column(nullable = false)
    public Instant firstContactAt;

    @Column(nullable = false)
    public Instant lastContactAt;
}
