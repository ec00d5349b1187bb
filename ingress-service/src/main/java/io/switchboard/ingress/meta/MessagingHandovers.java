package io.switchboard.ingress.meta;

import static io.switchboard.ingress.meta.MessagingJson.object;
import static io.switchboard.ingress.meta.MessagingJson.requiredText;
import static io.switchboard.ingress.meta.MessagingJson.text;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ConversationEvent;
import io.switchboard.events.ThreadControlPassed;
import io.switchboard.events.ThreadControlRequested;
import io.switchboard.events.ThreadControlTaken;

/**
 * Meta's handover protocol ({@code messaging_handovers}, docs/channels.md §3.8): who controls a customer's thread.
 * Each item names the customer ({@code sender}) and the Page or Instagram account ({@code recipient}); it is keyed
 * on the customer's conversation, so it is in order with their messages. Event ids: the change, the customer and
 * the channel's timestamp ({@code fb:pass_thread_control:{psid}:{millis}}), the same on every redelivery.
 */
final class MessagingHandovers {

    private MessagingHandovers() {
    }

    static ConversationEvent passed(MessagingItem item) {
        JsonNode body = object(item.node, "pass_thread_control");
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        return new ThreadControlPassed(id(item, "pass_thread_control", userId, at), item.channel, item.accountId,
                item.conversationKey(userId), item.customer(userId), text(body, "previous_owner_app_id"),
                requiredText(body, "pass_thread_control.new_owner_app_id"), text(body, "metadata"), at,
                item.receivedAt(), item.raw());
    }

    static ConversationEvent taken(MessagingItem item) {
        JsonNode body = object(item.node, "take_thread_control");
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        return new ThreadControlTaken(id(item, "take_thread_control", userId, at), item.channel, item.accountId,
                item.conversationKey(userId), item.customer(userId),
                requiredText(body, "take_thread_control.previous_owner_app_id"), text(body, "new_owner_app_id"),
                text(body, "metadata"), at, item.receivedAt(), item.raw());
    }

    static ConversationEvent requested(MessagingItem item) {
        JsonNode body = object(item.node, "request_thread_control");
        String userId = item.senderId();
        Instant at = item.occurredAt(null);
        return new ThreadControlRequested(id(item, "request_thread_control", userId, at), item.channel,
                item.accountId, item.conversationKey(userId), item.customer(userId),
                requiredText(body, "request_thread_control.requested_owner_app_id"), text(body, "metadata"), at,
                item.receivedAt(), item.raw());
    }

    private static String id(MessagingItem item, String change, String userId, Instant at) {
        return item.id(change + ":" + item.accountId + ":" + userId + ":" + at.toEpochMilli());
    }
}
