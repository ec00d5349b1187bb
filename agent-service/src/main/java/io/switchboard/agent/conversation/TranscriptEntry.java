package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One message of a conversation as the agent sees it: the customer's (routed) or the agent's reply. */
@Entity
@Table(name = "transcript", schema = "agent", indexes = @Index(columnList = "conversationKey"))
public class TranscriptEntry extends PanacheEntityBase {

    public static final String INBOUND = "inbound";
    public static final String OUTBOUND = "outbound";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The routed message's or the reply's event id. */
    @Column(nullable = false, unique = true)
    public String eventId;

    @Column(nullable = false)
    public String conversationKey;

    public String conversationId;

    @Column(nullable = false)
    public String direction;

    /** text, media, template … */
    public String kind;

    @Column(columnDefinition = "text")
    public String text;

    public String agentId;

    public Instant at;

    /** A reply's delivery, as outbound-service reported it ({@link DeliveryStatus}); null for inbound messages. */
    public String deliveryStatus;

    /** Why a reply failed or is being retried, for the agent. */
    @Column(columnDefinition = "text")
    public String deliveryReason;
}
