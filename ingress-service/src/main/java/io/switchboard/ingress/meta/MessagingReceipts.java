package io.switchboard.ingress.meta;

import static io.switchboard.ingress.meta.MessagingJson.object;
import static io.switchboard.ingress.meta.MessagingJson.optionalMillis;
import static io.switchboard.ingress.meta.MessagingJson.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.ConversationEvent;
import io.switchboard.events.DeliveryState;
import io.switchboard.events.DeliveryStatusChanged;

/** Receipts: {@code delivery} (one per delivered mid, or one for the watermark) and {@code read}. */
final class MessagingReceipts {

    private MessagingReceipts() {
    }

    /** One receipt per delivered mid, all with the watermark; without mids, one receipt for the watermark. */
    static List<ConversationEvent> delivery(MessagingItem item) {
        JsonNode delivery = object(item.node, "delivery");
        String userId = item.senderId();
        Long watermark = optionalMillis(delivery.get("watermark"), "delivery.watermark");
        Instant at = item.occurredAt(watermark);
        List<String> mids = mids(delivery.get("mids"));
        if (mids.isEmpty()) {
            if (watermark == null) {
                throw new Malformed("delivery has neither mids nor watermark");
            }
            return List.of(receipt(item, userId, item.id(userId + ":" + watermark + ":delivered"), null,
                    DeliveryState.DELIVERED, watermark, at));
        }
        List<ConversationEvent> receipts = new ArrayList<>();
        for (String mid : mids) {
            receipts.add(receipt(item, userId, item.id(mid + ":delivered"), mid, DeliveryState.DELIVERED, watermark,
                    at));
        }
        return receipts;
    }

    /**
     * Messenger reads carry a watermark; Instagram's {@code messaging_seen} names the mid that was seen. An
     * Instagram read without {@code sender} is a receipt of that mid alone: no recipient, the account's key
     * ({@link MessagingItem#accountKey()}); outbound finds the message by its mid. A watermark needs the customer.
     */
    static ConversationEvent read(MessagingItem item) {
        JsonNode read = object(item.node, "read");
        String userId = item.optionalSenderId();
        if (userId == null) {
            String mid = text(read, "mid");
            if (mid == null) {
                throw new Malformed("read has neither sender nor mid");
            }
            Long watermark = optionalMillis(read.get("watermark"), "read.watermark");
            return new DeliveryStatusChanged(item.id(mid + ":read"), item.channel, item.accountId, item.accountKey(),
                    null, mid, DeliveryState.READ, watermark == null ? null : Instant.ofEpochMilli(watermark), null,
                    null, null, item.occurredAt(watermark), item.receivedAt(), item.raw());
        }
        Long watermark = optionalMillis(read.get("watermark"), "read.watermark");
        Instant at = item.occurredAt(watermark);
        String mid = text(read, "mid");
        if (mid != null) {
            return receipt(item, userId, item.id(mid + ":read"), mid, DeliveryState.READ, watermark, at);
        }
        if (watermark == null) {
            throw new Malformed("read has neither mid nor watermark");
        }
        return receipt(item, userId, item.id(userId + ":" + watermark + ":read"), null, DeliveryState.READ,
                watermark, at);
    }

    private static DeliveryStatusChanged receipt(MessagingItem item, String userId, String eventId, String mid,
            DeliveryState state, Long watermark, Instant at) {
        return new DeliveryStatusChanged(eventId, item.channel, item.accountId, item.conversationKey(userId), userId,
                mid, state, watermark == null ? null : Instant.ofEpochMilli(watermark), null, null, null, at,
                item.receivedAt(), item.raw());
    }

    private static List<String> mids(JsonNode mids) {
        if (mids == null || mids.isNull()) {
            return List.of();
        }
        if (!mids.isArray()) {
            throw new Malformed("delivery.mids is not an array");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode mid : mids) {
            if (!mid.isTextual() || mid.asText().isEmpty()) {
                throw new Malformed("delivery.mids holds a non-string: " + mid);
            }
            values.add(mid.asText());
        }
        return values;
    }
}
