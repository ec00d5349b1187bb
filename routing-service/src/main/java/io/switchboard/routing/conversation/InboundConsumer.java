package io.switchboard.routing.conversation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ContactIdentityChanged;
import io.switchboard.events.EventType;
import io.switchboard.events.InboundEvent;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.trace.TraceContext;

/**
 * Customer messages from {@code switchboard.inbound.v1}, a poll at a time (the channel's batch mode): the customer
 * messages of a poll are routed in one transaction, in record order, and the offsets are committed after the method
 * returns, that is after the transaction. A customer's identity change ({@code contact.identity-changed}) moves their
 * open conversation to the new key ({@link IdentityChanges}); a poll holding one is taken record by record, in order,
 * so that the messages before it join the old key and those after it the new. Reactions, edits and unsends are
 * routed like messages but never open a conversation ({@link Intake}); echoes and typing do not route. When the
 * poll's transaction fails (a record that cannot be read or applied, an outage), its records are taken again one
 * transaction each under the messaging core's {@link ConsumerPolicy}: an outage is retried, a message that cannot be
 * read or applied becomes a dead letter, and the others are routed.
 */
@ApplicationScoped
public class InboundConsumer {

    public static final String CHANNEL = "inbound";
    private static final Logger LOG = Logger.getLogger(InboundConsumer.class);

    private static final String IDENTITY = EventType.CONTACT_IDENTITY_CHANGED.ceType();

    /** Meta's handover protocol: taken record by record, in order with the messages (docs/channels.md §3.8). */
    private static final java.util.Set<String> THREAD_CONTROL = java.util.Set.of(
            EventType.THREAD_CONTROL_PASSED.ceType(), EventType.THREAD_CONTROL_TAKEN.ceType(),
            EventType.THREAD_CONTROL_REQUESTED.ceType());

    private final Intake intake;
    private final IdentityChanges identities;
    private final ThreadControls threadControls;
    private final ConsumerPolicy policy;

    public InboundConsumer(Intake intake, IdentityChanges identities, ThreadControls threadControls,
            ConsumerPolicy policy) {
        this.intake = intake;
        this.identities = identities;
        this.threadControls = threadControls;
        this.policy = policy;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecords(ConsumerRecords<String, byte[]> records) {
        List<ConsumerRecord<String, byte[]>> routed = new ArrayList<>(records.count());
        boolean identityChange = false;
        for (ConsumerRecord<String, byte[]> record : records) {
            String type = CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE);
            boolean oneByOne = IDENTITY.equals(type) || THREAD_CONTROL.contains(type);
            if (oneByOne || routes(type)) {
                routed.add(record);
                identityChange |= oneByOne;
            }
        }
        if (routed.size() > 1 && !identityChange) {
            try {
                // Each message continues its own record's trace (in batch mode the connector makes none current).
                intake.onMessages(routed.stream().map(r -> new Intake.Received(read(r), trace(r))).toList());
                return;
            } catch (RuntimeException e) {
                LOG.debugf("%s: a poll of %d messages failed together, taking them one by one: %s", CHANNEL,
                        routed.size(), e.toString());
            }
        }
        for (ConsumerRecord<String, byte[]> record : routed) {
            onRecord(record);
        }
    }

    private void onRecord(ConsumerRecord<String, byte[]> record) {
        if (THREAD_CONTROL.contains(CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
            policy.handleBlocking(CHANNEL, record, () -> threadControls.onChanged(read(record)));
            return;
        }
        if (IDENTITY.equals(CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE))) {
            policy.handleBlocking(CHANNEL, record, () -> identities.onChanged((ContactIdentityChanged) CloudEventCodec
                    .read(EventType.CONTACT_IDENTITY_CHANGED, record.value())));
            return;
        }
        // Intake names each message's conversation in the log context.
        policy.handleBlocking(CHANNEL, record,
                () -> intake.onMessages(List.of(new Intake.Received(read(record), trace(record)))));
    }

    private static Context trace(ConsumerRecord<String, byte[]> record) {
        String traceparent = CloudEventCodec.header(record.headers(), TraceContext.TRACEPARENT);
        return traceparent == null ? Context.current() : TraceContext.restore(traceparent);
    }

    private static boolean routes(String ceType) {
        return Intake.ROUTED.stream().anyMatch(routed -> routed.ceType().equals(ceType));
    }

    private static InboundEvent read(ConsumerRecord<String, byte[]> record) {
        return (InboundEvent) CloudEventCodec.read(EventType.fromCeType(
                CloudEventCodec.header(record.headers(), CloudEventCodec.HEADER_TYPE)), record.value());
    }
}
