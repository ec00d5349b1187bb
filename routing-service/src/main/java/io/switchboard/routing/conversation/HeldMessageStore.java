package io.switchboard.routing.conversation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.InboundEvent;
import io.switchboard.routing.store.Db;
import io.vertx.core.buffer.Buffer;

/**
 * The SQL of {@code routing.held_messages}: what the customer sent to a conversation no agent has yet (messages,
 * and their reactions, edits and unsends), with its CloudEvent type.
 */
@ApplicationScoped
public class HeldMessageStore {

    /** Holds the event (once: a redelivered one is already held). */
    void hold(Db db, String conversationId, InboundEvent event) {
        // clock_timestamp, not now(): events held by one transaction (a poll) keep their order.
        db.update("INSERT INTO routing.held_messages (event_id, conversation_id, payload, event_type, received_at)"
                + " VALUES ($1, $2, $3, $4, clock_timestamp()) ON CONFLICT DO NOTHING", event.eventId(),
                conversationId, Buffer.buffer(CloudEventCodec.data(event)), event.eventType().ceType());
    }

    /** Removes and returns the conversation's held events, in arrival order. */
    List<InboundEvent> take(Db db, String conversationId) {
        List<InboundEvent> events = new ArrayList<>();
        db.query("SELECT event_type, payload FROM routing.held_messages WHERE conversation_id = $1"
                + " ORDER BY received_at, event_id", conversationId).forEach(row -> events.add((InboundEvent)
                        CloudEventCodec.read(EventType.fromCeType(row.getString("event_type")),
                                row.getBuffer("payload").getBytes())));
        db.update("DELETE FROM routing.held_messages WHERE conversation_id = $1", conversationId);
        return events;
    }
}
