package io.switchboard.routing.erasure;

import java.time.Instant;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import io.smallrye.reactive.messaging.annotations.Blocking;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ErasureCompleted;
import io.switchboard.events.ErasureRequested;
import io.switchboard.events.SwitchboardEvent;
import io.switchboard.messaging.consume.ConsumerPolicy;
import io.switchboard.messaging.consume.PoisonRecordException;
import io.switchboard.messaging.inbox.Inbox;
import io.switchboard.messaging.outbox.OutboxRelay;
import io.switchboard.routing.outbox.Outbox;
import io.switchboard.routing.store.Transactions;

/**
 * Erasure requests from {@code switchboard.erasures.v1} (docs/privacy.md, Erasure). One transaction claims the
 * request in the inbox, removes the customer's rows ({@link RoutingErasure}) and appends routing's
 * {@link ErasureCompleted} to the outbox, so the result is durable before the offset is committed. A redelivered
 * request removes nothing (the claim was taken) and is answered again with zero counts, under the same event id.
 */
@ApplicationScoped
public class ErasureConsumer {

    public static final String CHANNEL = "erasures";
    public static final String SERVICE = "routing-service";

    private final ConsumerPolicy policy;
    private final Transactions transactions;
    private final RoutingErasure erasure;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Inbox inbox = new Inbox(Outbox.SCHEMA);

    public ErasureConsumer(ConsumerPolicy policy, Transactions transactions, RoutingErasure erasure, Outbox outbox,
            OutboxRelay relay) {
        this.policy = policy;
        this.transactions = transactions;
        this.erasure = erasure;
        this.outbox = outbox;
        this.relay = relay;
    }

    @Incoming(CHANNEL)
    @Blocking
    public void onRecord(ConsumerRecord<String, byte[]> record) {
        policy.handleBlocking(CHANNEL, record, () -> apply(record));
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        SwitchboardEvent event = CloudEventCodec.read(record.headers(), record.value());
        if (!(event instanceof ErasureRequested request) || request.identities().isEmpty()) {
            throw new PoisonRecordException("not an erasure request with identities");
        }
        transactions.inTransaction(db -> {
            Map<String, Long> removed = db.update(inbox.claimSql(), request.eventId()) == 1
                    ? erasure.erase(db, request) : RoutingErasure.zero();
            outbox.append(db, new ErasureCompleted(request.erasureId(), SERVICE, removed, Instant.now()));
            return null;
        });
        relay.wake();
    }
}
