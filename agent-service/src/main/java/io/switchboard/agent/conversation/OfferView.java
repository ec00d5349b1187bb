package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.events.Channel;

/** An offer routing made to an agent, and what became of it as far as agent-service knows. */
@Entity
@Table(name = "offers", schema = "agent")
public class OfferView extends PanacheEntityBase {

    public static final String OPEN = "open";
    public static final String ACCEPTED = "accepted";
    public static final String DECLINED = "declined";
    public static final String EXPIRED = "expired";

    @Id
    public String offerId;

    @Column(nullable = false)
    public String conversationKey;

    @Column(nullable = false)
    public String conversationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String channelAccountId;

    @Column(nullable = false)
    public String agentId;

    public String queueId;

    public Instant expiresAt;

    @Column(nullable = false)
    public String state;

    /** Why it was offered when not for a customer's message: {@code callback_requested} (call the customer back). */
    public String reason;
}
