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

/**
 * agent-service's view of who a conversation is assigned to, built from routing's events alone: routing decides,
 * this only mirrors it to answer "is this conversation yours".
 */
@Entity
@Table(name = "conversations", schema = "agent")
public class ConversationView extends PanacheEntityBase {

    @Id
    public String conversationKey;

    /** routing's id of the current episode. */
    @Column(nullable = false)
    public String conversationId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Column(nullable = false)
    public String channelAccountId;

    /** The agent it is assigned to; null while queued or being transferred. */
    public String agentId;

    public String queueId;

    /** False once resolved or abandoned. */
    public boolean open;

    /**
     * The customer's id on the channel, from the last routed message ({@code Customer.externalUserId}); custom
     * sources get it back as the reply's {@code user.external_id} (their key names the conversation instead).
     */
    public String customerExternalId;

    /** When the customer last wrote: the reply window is counted from here. */
    public Instant lastCustomerMessageAt;

    public Instant updatedAt;

    /**
     * When the channel refused a reply because the window is closed (a {@code DeliveryFailed} with
     * {@code templateRequired}); only templates go until the customer writes again.
     */
    public Instant templateRequiredSince;

    /**
     * Meta's handover protocol: who controls the Messenger or Instagram thread, {@code switchboard} or another app's
     * id, as routing last reported it ({@code conversation.thread-control-reported}); null: Switchboard.
     */
    public String threadOwner;

    /** The episode's state as routing last said: queued, assigned, resolved, abandoned (supervisors' search). */
    @Column(length = 16)
    public String state;

    /** When routing's first event of the episode arrived. */
    public Instant openedAt;

    /** The customer's id on the channel: the conversation key's last part. */
    public String customerId;
}
