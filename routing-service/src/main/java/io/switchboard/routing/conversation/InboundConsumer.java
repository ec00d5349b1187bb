package io.switchboard.routing.conversation;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.MDC;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationRef;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.messaging.consume.ConsumerPolicy;

/**
 * Customer messages from {@code switchboard.inbound.v1}. The offset is committed after the method returns, that is
 * after the transaction; other inbound types (echoes, reactions, typing) do not route. Failures follow the messaging
 * core's {@link ConsumerPolicy}: an outage is retried, a message that cannot be read or applied becomes a dead letter.
 */
@ApplicationScoped
public class InboundConsumer {

    public static final String CHANNEL = "inbound";

    private final Intake intake;
    private final ConsumerPolicy policy;

    public InboundConsumer(Intake intake, ConsumerPolicy policy) {
        this.intake = intake;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        if (!EventType.MESSAGE_RECEIVED.ceType().equals(
                CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
            return;
        }
        policy.handleBlocking(CHANNEL, record, () -> {
            MessageReceived message = (MessageReceived) CloudEventCodec.read(EventType.MESSAGE_RECEIVED, record.value());
            // Every log line of this message's routing names its conversation (never its key: it may hold a phone
            // number).
            MDC.put(ConversationRef.MDC_KEY, ConversationRef.of(message.conversationKey()));
            try {
                intake.onMessage(message);
            } finally {
                MDC.remove(ConversationRef.MDC_KEY);
            }
        });
    }
}
