package io.switchboard.agent.conversation;

import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.OptimisticLockException;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.StaleStateException;
import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.outbox.AgentOutboxRelay;
import io.switchboard.agent.outbox.InboxClaims;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.OutboundResultEvent;
import io.switchboard.events.RoutingEvent;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.switchboard.messaging.logging.LogContext;

/**
 * How agent-service's listeners take a record: under the one failure policy ({@link ConsumerPolicy}: outages
 * retried with the offset held, a record that cannot be applied to the dead-letter topic), decoded and bounded, and
 * applied once: the effect and the event id's inbox claim commit together, so a redelivered event has no effect.
 */
@ApplicationScoped
public class Intake {

    /** The primary key of {@code agent.conversations}: the conversation key. */
    private static final String VIEW_KEY = "conversations_pkey";

    /** The longest identifier the columns hold (varchar(255)). */
    static final int MAX_ID = 255;

    private final ConsumerPolicy policy;
    private final InboxClaims inbox;
    private final AgentOutboxRelay relay;

    public Intake(ConsumerPolicy policy, InboxClaims inbox, AgentOutboxRelay relay) {
        this.policy = policy;
        this.inbox = inbox;
        this.relay = relay;
    }

    /** Applies {@code record} with {@code effect} when it is a {@code type}; other events of the topic are skipped. */
    public <E extends SwitchboardEvent> Uni<Void> handle(String channel, ConsumerRecord<String, byte[]> record,
            Class<E> type, Function<E, Uni<Void>> effect) {
        return policy.handleReactive(channel, record, () -> {
            SwitchboardEvent event = decode(record);
            if (!type.isInstance(event)) {
                return Uni.createFrom().voidItem();
            }
            checkBounds(event);
            return once(event.eventId(), () -> effect.apply(type.cast(event)));
        }).invoke(relay::wake);
    }

    private Uni<Void> once(String eventId, Supplier<Uni<Void>> effect) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> inbox.firstTime(eventId)
                .flatMap(first -> first ? effect.get() : Uni.createFrom().voidItem())))
                // Lost to a concurrent writer of the same row: run again, the policy need not see it.
                .onFailure(Intake::lostRace).retry().withBackOff(Duration.ofMillis(20)).atMost(5);
    }

    /**
     * The record's event. Also names the record's conversation in the logging context, so every line logged while
     * it is handled carries it (a reference, never the key: it may hold a phone number).
     */
    static SwitchboardEvent decode(ConsumerRecord<String, byte[]> record) {
        LogContext.conversation(record.key());
        try {
            return CloudEventCodec.read(record.headers(), record.value());
        } catch (RuntimeException e) {
            throw new PoisonRecordException("unreadable event: " + e.getMessage(), e);
        }
    }

    /** The identifiers every effect writes; longer ones, or ones PostgreSQL refuses (NUL), are the record's fault. */
    static void checkBounds(SwitchboardEvent event) {
        check("eventId", event.eventId());
        if (event instanceof ConversationEvent conversation) {
            check("conversationKey", conversation.conversationKey());
            check("channelAccountId", conversation.channelAccountId());
        }
        if (event instanceof RoutingEvent routing) {
            check("conversationId", routing.conversationId());
        }
        if (event instanceof OutboundResultEvent result) {
            check("idempotencyKey", result.idempotencyKey());
        }
    }

    private static void check(String field, String value) {
        if (value == null) {
            return;
        }
        if (value.length() > MAX_ID) {
            throw new PoisonRecordException(field + " is longer than " + MAX_ID + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw new PoisonRecordException(field + " contains a NUL character");
        }
    }

    private static boolean lostRace(Throwable failure) {
        for (Throwable e = failure; e != null; e = e.getCause()) {
            if (e instanceof OptimisticLockException || e instanceof StaleStateException) {
                return true;
            }
            // A view created under a key that an identity change (IdentityListener) gave it meanwhile: run again,
            // the view is there now.
            if (e instanceof ConstraintViolationException violation && (VIEW_KEY.equals(violation.getConstraintName())
                    || String.valueOf(violation.getMessage()).contains("\"" + VIEW_KEY + "\""))) {
                return true;
            }
        }
        return false;
    }
}
