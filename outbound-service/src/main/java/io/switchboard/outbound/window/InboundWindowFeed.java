package io.switchboard.outbound.window;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CallDirection;
import io.switchboard.events.CallReceived;
import io.switchboard.events.Channel;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.switchboard.outbound.intake.RecordChecks;

/**
 * Feeds the window from {@code switchboard.inbound.v1}: every customer message (and, on Messenger and Instagram, a
 * reaction, and a call the customer placed) opens or re-opens it at the time the channel gives; a customer's identity change carries the window over
 * to the conversation's new key. Echoes, edits and typing do not. This consumer may be
 * behind the command consumer; {@link WindowCatchUp} reads what it has not applied yet before a reply is refused.
 */
@ApplicationScoped
public class InboundWindowFeed {

    private final WindowStore store;
    private final ConsumerPolicy policy;

    public InboundWindowFeed(WindowStore store, ConsumerPolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** Under the consumer policy: an unreadable event is set aside as a dead letter, an outage waited out. */
    @Incoming("inbound")
    public Uni<Void> onInbound(ConsumerRecord<String, byte[]> record) {
        return policy.handleReactive("inbound", record, () -> apply(record));
    }

    /** What the record does to its conversation's window; an unreadable event throws (it is poison). */
    public Uni<Void> apply(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE);
        if (EventType.MESSAGE_RECEIVED.ceType().equals(type)) {
            MessageReceived message = (MessageReceived) CloudEventCodec.read(EventType.MESSAGE_RECEIVED, record.value());
            RecordChecks.id("conversationKey", message.conversationKey());
            check(message.channel(), message.occurredAt());
            return store.recordInbound(message.conversationKey(), message.channel().wireName(), message.occurredAt());
        }
        if (EventType.MESSAGE_REACTED.ceType().equals(type)) {
            MessageReacted reaction = (MessageReacted) CloudEventCodec.read(EventType.MESSAGE_REACTED, record.value());
            RecordChecks.id("conversationKey", reaction.conversationKey());
            check(reaction.channel(), reaction.occurredAt());
            if (reaction.channel() != Channel.WHATSAPP) {
                return store.recordInbound(reaction.conversationKey(), reaction.channel().wireName(),
                        reaction.occurredAt());
            }
        }
        if (EventType.CALL_RECEIVED.ceType().equals(type)) {
            // A customer's call opens and restarts the 24-hour window like a message (docs/channels.md §2.11).
            CallReceived call = (CallReceived) CloudEventCodec.read(EventType.CALL_RECEIVED, record.value());
            RecordChecks.id("conversationKey", call.conversationKey());
            check(call.channel(), call.occurredAt());
            if (call.direction() == CallDirection.USER_INITIATED) {
                return store.recordInbound(call.conversationKey(), call.channel().wireName(), call.occurredAt());
            }
        }
        if (EventType.CONTACT_IDENTITY_CHANGED.ceType().equals(type)) {
            ContactIdentityChanged change = (ContactIdentityChanged) CloudEventCodec.read(
                    EventType.CONTACT_IDENTITY_CHANGED, record.value());
            if (change.rekeys()) {
                RecordChecks.id("conversationKey", change.conversationKey());
                RecordChecks.id("previousConversationKey", change.previousConversationKey());
                return store.carryOver(change.previousConversationKey(), change.conversationKey());
            }
        }
        return Uni.createFrom().voidItem();
    }

    private static void check(Channel channel, Instant occurredAt) {
        if (channel == null || occurredAt == null) {
            throw new PoisonRecordException("channel or occurredAt missing");
        }
    }
}
