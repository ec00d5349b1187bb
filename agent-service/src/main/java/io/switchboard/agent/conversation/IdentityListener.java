package io.switchboard.agent.conversation;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.customer.CustomerHistory;
import io.switchboard.agent.live.FeedTypes;
import io.switchboard.agent.live.LiveFeed;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.EventType;
import io.switchboard.messaging.consume.PoisonRecordException;

/**
 * A customer's identity changed ({@code contact.identity-changed} on {@code switchboard.inbound.v1}; the topic's
 * other events are skipped): the conversation view, its transcript and offers move from the previous conversation
 * key to the new one, so the agent keeps one conversation, and the agent it is assigned to is told in the live feed
 * ({@code conversation.rekeyed}). Through {@link Intake}: once per event id, in one transaction with the inbox claim.
 *
 * <p>Routing's events under the new key may come first (they travel another topic): a view they made under the new
 * key is the newer one and stays; the old view's transcript and offers join it and the old view goes.
 */
@ApplicationScoped
public class IdentityListener {

    public static final String CHANNEL = "identities";
    private static final String IDENTITY_CHANGED = EventType.CONTACT_IDENTITY_CHANGED.ceType();

    private static final String TRANSCRIPT =
            "UPDATE agent.transcript SET conversationKey = ?2 WHERE conversationKey = ?1";
    private static final String OFFERS = "UPDATE agent.offers SET conversationKey = ?2 WHERE conversationKey = ?1";
    // One of the two branches applies, on the statement's snapshot: keep the new key's view if there is one.
    private static final String VIEW = """
            WITH superseded AS (
                DELETE FROM agent.conversations WHERE conversationKey = ?1
                    AND EXISTS (SELECT 1 FROM agent.conversations WHERE conversationKey = ?2) RETURNING agentId)
            UPDATE agent.conversations SET conversationKey = ?2, updatedAt = ?3 WHERE conversationKey = ?1
                AND NOT EXISTS (SELECT 1 FROM agent.conversations WHERE conversationKey = ?2)
            """;
    private static final String AGENT = "SELECT agentId, conversationId FROM agent.conversations"
            + " WHERE conversationKey = ?1";

    private final Intake intake;
    private final LiveFeed feed;

    public IdentityListener(Intake intake, LiveFeed feed) {
        this.intake = intake;
        this.feed = feed;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
        // Nearly every record of the topic is a customer message: skipped by its type header, without decoding.
        if (!IDENTITY_CHANGED.equals(CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
            return Uni.createFrom().voidItem();
        }
        return intake.handle(CHANNEL, record, ContactIdentityChanged.class, this::apply);
    }

    private Uni<Void> apply(ContactIdentityChanged change) {
        if (!change.rekeys()) {
            return Uni.createFrom().voidItem();
        }
        String from = change.previousConversationKey();
        String to = change.conversationKey();
        if (from.length() > Intake.MAX_ID || from.indexOf('\u0000') >= 0) {
            throw new PoisonRecordException("previousConversationKey is not a key this service can hold");
        }
        return Panache.getSession().flatMap(session -> session.createNativeQuery(TRANSCRIPT)
                .setParameter(1, from).setParameter(2, to).executeUpdate()
                .flatMap(ignored -> session.createNativeQuery(OFFERS).setParameter(1, from).setParameter(2, to)
                        .executeUpdate())
                // The customer's profile, episodes, notes and tags follow, so their history stays theirs.
                .flatMap(ignored -> CustomerHistory.rekey(from, to))
                .flatMap(ignored -> session.createNativeQuery(VIEW).setParameter(1, from).setParameter(2, to)
                        .setParameter(3, Instant.now()).executeUpdate())
                .flatMap(ignored -> session.createNativeQuery(AGENT, Object[].class).setParameter(1, to)
                        .getResultList())
                .flatMap(rows -> {
                    if (rows.isEmpty() || rows.get(0)[0] == null) {
                        return Uni.createFrom().voidItem();
                    }
                    String agentId = (String) rows.get(0)[0];
                    return feed.append(agentId, to, FeedTypes.CONVERSATION_REKEYED, new ConversationChange(
                            (String) rows.get(0)[1], null, agentId, null, null, null, null, change.change(), null,
                            null));
                }));
    }
}
