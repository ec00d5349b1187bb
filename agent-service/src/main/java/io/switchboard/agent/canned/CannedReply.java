package io.switchboard.agent.canned;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** A reply supervisors prepared for agents; its text may hold placeholders ({@link Placeholders}). */
@Entity
@Table(name = "canned_replies", schema = "agent")
public class CannedReply extends PanacheEntityBase {

    /** From its creator and the creating request's Idempotency-Key, so a retried POST makes no second one. */
    @Id
    public String id;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false, columnDefinition = "text")
    public String text;

    /** Only for conversations of this queue; null: every queue. */
    public String queueId;

    /** Only for this channel (wire name, {@code whatsapp} …); null: every channel. */
    public String channel;

    @Column(nullable = false)
    public String createdBy;

    @Column(nullable = false)
    public Instant createdAt;

    @Column(nullable = false)
    public Instant updatedAt;

    /** Whether it is offered for a conversation of {@code queue} on {@code channelName}. */
    boolean appliesTo(String queue, String channelName) {
        return (queueId == null || queueId.equals(queue)) && (channel == null || channel.equals(channelName));
    }
}
