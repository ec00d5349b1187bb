package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;

/**
 * Customer messages from {@code switchboard.inbound.v1}. The offset is committed after the method returns, that is
 * after the transaction; other inbound types (echoes, reactions, typing) do not route.
 */
@ApplicationScoped
public class InboundConsumer {

    public static final String CHANNEL = "inbound";
    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private final Router router;

    public InboundConsumer(Router router) {
        this.router = router;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        if (!EventType.MESSAGE_RECEIVED.ceType().equals(
                CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
            return;
        }
        MessageReceived message;
        try {
            message = (MessageReceived) CloudEventCodec.read(EventType.MESSAGE_RECEIVED, record.value());
        } catch (RuntimeException e) {
            LOG.warnf("ignored unreadable inbound record %s@%d: %s", record.topic(), record.offset(), e.toString());
            return;
        }
        router.onMessage(message);
    }
}
