package io.switchboard.outbound.window;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReacted;
import io.switchboard.events.MessageReceived;

/**
 * Feeds the window from {@code switchboard.inbound.v1}: every customer message (and, on Messenger and Instagram, a
 * reaction) opens or re-opens it at the time the channel gives. Echoes, edits and typing do not.
 */
@ApplicationScoped
public class InboundWindowFeed {

    private static final Logger LOG = Logger.getLogger(InboundWindowFeed.class);

    private final WindowStore store;

    public InboundWindowFeed(WindowStore store) {
        this.store = store;
    }

    @Incoming("inbound")
    public Uni<Void> onInbound(ConsumerRecord<String, byte[]> record) {
        String type = CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE);
        try {
            if (EventType.MESSAGE_RECEIVED.ceType().equals(type)) {
                MessageReceived message = (MessageReceived) CloudEventCodec.read(EventType.MESSAGE_RECEIVED, record.value());
                return store.recordInbound(message.conversationKey(), message.channel().wireName(), message.occurredAt());
            }
            if (EventType.MESSAGE_REACTED.ceType().equals(type)) {
                MessageReacted reaction = (MessageReacted) CloudEventCodec.read(EventType.MESSAGE_REACTED, record.value());
                if (reaction.channel() != io.switchboard.events.Channel.WHATSAPP) {
                    return store.recordInbound(reaction.conversationKey(), reaction.channel().wireName(),
                            reaction.occurredAt());
                }
            }
        } catch (RuntimeException e) {
            // An unreadable event cannot open a window; ingress dead-letters what it cannot normalize.
            LOG.warnf("ignored unreadable inbound event %s@%d: %s", record.topic(), record.offset(), e.toString());
        }
        return Uni.createFrom().voidItem();
    }
}
