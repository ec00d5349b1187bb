package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import io.switchboard.agent.transcript.StoredContent;

/**
 * One entry of a conversation as the agent sees it: the customer's message, reaction, edit or unsend (routed), a
 * system notice, or the agent's reply. {@code kind} says which ({@code docs/agent-api.md}, Transcript entries).
 */
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

    /**
     * Inbound: the message type ({@code text}, {@code image}, {@code location} … as {@code MessageType}), or
     * {@code reaction}, {@code edit}, {@code revoke}, {@code system}; outbound: {@code text}, {@code media},
     * {@code template}.
     */
    public String kind;

    /** The customer wrote while another app controlled the thread (Meta's handover protocol): that app answers it. */
    @Column(nullable = false)
    public boolean standby;

    @Column(columnDefinition = "text")
    public String text;

    public String agentId;

    public Instant at;

    /** The channel's id of the message (or of the reaction, edit or unsend); null for replies and notices. */
    public String externalMessageId;

    /** The channel's id of the message a reaction, edit or unsend is about. */
    public String refersTo;

    /** What the entry holds beyond its text: the message's content, the reaction, the notice. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(columnDefinition = "jsonb")
    public StoredContent content;

    /** When the customer last edited this message (the edit is an entry of its own; this one keeps the original). */
    public Instant editedAt;

    /** When the customer deleted (unsent) this message. */
    public Instant revokedAt;

    /** A reply's delivery, as outbound-service reported it ({@link DeliveryStatus}); null for inbound messages. */
    public String deliveryStatus;

    /** Why a reply failed or is being retried, for the agent. */
    @Column(columnDefinition = "text")
    public String deliveryReason;
}
