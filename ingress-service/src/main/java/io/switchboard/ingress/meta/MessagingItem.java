package io.switchboard.ingress.meta;

import static io.switchboard.ingress.meta.MessagingJson.optionalMillis;
import static io.switchboard.ingress.meta.MessagingJson.requiredText;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.Customer;
import io.switchboard.events.RawRef;
import io.switchboard.ingress.normalize.WebhookContext;

/** One {@code messaging[]} or {@code standby[]} item with what it inherits from its entry and webhook. */
final class MessagingItem {
    final Channel channel;
    final String accountId;
    private final Long entryTime;
    final JsonNode node;
    private final WebhookContext context;

    MessagingItem(Channel channel, String accountId, Long entryTime, JsonNode node, WebhookContext context) {
        this.channel = channel;
        this.accountId = accountId;
        this.entryTime = entryTime;
        this.node = node;
        this.context = context;
    }

    String senderId() {
        return requiredText(node.path("sender"), "sender.id");
    }

    /** The sender's id, or null when the item has none (Instagram reads and edits may name only the mid). */
    String optionalSenderId() {
        JsonNode sender = node.path("sender");
        return sender.isMissingNode() || sender.isNull() ? null : senderId();
    }

    /**
     * The key of an item that names no customer: the channel account's ({@code ig:{account}}), as for account
     * errors, so that it is published in order with the account's other such items; consumers find the
     * conversation by the message id the item names.
     */
    String accountKey() {
        return channel.prefix() + ":" + accountId;
    }

    String recipientId() {
        return requiredText(node.path("recipient"), "recipient.id");
    }

    /**
     * The item's timestamp; else the given fallback (a receipt's watermark); else the entry's time; else when
     * the webhook arrived.
     */
    Instant occurredAt(Long fallback) {
        Long millis = optionalMillis(node.get("timestamp"), "timestamp");
        if (millis == null) {
            millis = fallback != null ? fallback : entryTime;
        }
        if (millis != null) {
            return Instant.ofEpochMilli(millis);
        }
        if (context.receivedAt() == null) {
            throw new Malformed("no timestamp, and no time of receipt to use instead");
        }
        return context.receivedAt();
    }

    /** Event ids per docs/channels.md §8.1: {@code fb:…} / {@code ig:…}. */
    String id(String suffix) {
        return channel.prefix() + ":" + suffix;
    }

    String conversationKey(String userId) {
        return channel.conversationKey(accountId, userId);
    }

    Customer customer(String userId) {
        return Customer.of(userId, Map.of(channel == Channel.MESSENGER ? "psid" : "igsid", userId));
    }

    Instant receivedAt() {
        return context.receivedAt();
    }

    RawRef raw() {
        return context.raw();
    }
}
