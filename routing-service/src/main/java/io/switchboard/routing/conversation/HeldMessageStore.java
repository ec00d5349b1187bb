package io.switchboard.routing.conversation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.switchboard.events.CloudEventCodec;
import io.switchboard.events.EventType;
import io.switchboard.events.MessageReceived;
import io.switchboard.routing.store.Db;
import io.vertx.core.buffer.Buffer;

/** The SQL of {@code routing.held_messages}: customer messages of a conversation no agent has yet. */
@ApplicationScoped
public class HeldMessageStore {

    /** Holds the message (once: a redelivered message is already held). */
    void hold(Db db, String conversationId, MessageReceived message) {
        // clock_timestamp, not now(): messages held by one transaction (a poll) keep their order.
        db.update("INSERT INTO routing.held_messages (event_id, conversation_id, payload, received_at)"
                + " VALUES ($1, $2, $3, clock_timestamp()) ON CONFLICT DO NOTHING", message.eventId(), conversationId,
                Buffer.buffer(CloudEventCodec.data(message)));
    }

    /** Removes and returns the conversation's held messages, in arrival order. */
    List<MessageReceived> take(Db db, String conversationId) {
        List<MessageReceived> messages = new ArrayList<>();
        db.query("SELECT payload FROM routing.held_messages WHERE conversation_id = $1"
                + " ORDER BY received_at, event_id", conversationId).forEach(row -> messages.add((MessageReceived)
                        CloudEventCodec.read(EventType.MESSAGE_RECEIVED, row.getBuffer("payload").getBytes())));
        db.update("DELETE FROM routing.held_messages WHERE conversation_id = $1", conversationId);
        return messages;
    }
}
