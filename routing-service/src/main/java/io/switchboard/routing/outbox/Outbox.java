package io.switchboard.routing.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.ConversationEvent;
import io.switchboard.routing.store.Db;
import io.vertx.core.buffer.Buffer;

/** Appends events (routing events, automated replies) to the outbox inside the caller's transaction. */
@ApplicationScoped
public class Outbox {

    public void append(Db db, ConversationEvent event) {
        db.update("INSERT INTO routing.outbox (event_id, ce_type, payload) VALUES ($1, $2, $3)",
                event.eventId(), event.eventType().ceType(),
                Buffer.buffer(CloudEventCodec.data(event)));
    }
}
