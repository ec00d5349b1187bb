package io.switchboard.agent.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.api.ApiException;
import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.SwitchboardEvent;

/** Writes events into the outbox; callers run inside the transaction of the change the event reports. */
@ApplicationScoped
public class Outbox {

    public Uni<Void> add(SwitchboardEvent event) {
        OutboxRecord record = new OutboxRecord();
        record.eventId = event.eventId();
        record.ceType = event.eventType().ceType();
        record.recordKey = event.recordKey();
        record.payload = new String(CloudEventCodec.data(event), StandardCharsets.UTF_8);
        record.createdAt = Instant.now();
        record.traceparent = TraceContext.current();
        return record.persist().replaceWithVoid();
    }

    /**
     * Whether an action with this idempotency key was already recorded: true when it was the same kind of action on
     * the same conversation (a retried click, answered as before), a 409 when the key was used for something else.
     */
    public Uni<Boolean> alreadyRecorded(String eventId, String ceType, String recordKey) {
        return OutboxRecord.<OutboxRecord>find("eventId", eventId).firstResult().map(existing -> {
            if (existing == null) {
                return false;
            }
            if (existing.ceType.equals(ceType) && existing.recordKey.equals(recordKey)) {
                return true;
            }
            throw ApiException.conflict("idempotency_key_reused",
                    "Idempotency-Key " + eventId + " was already used for another request");
        });
    }
}
