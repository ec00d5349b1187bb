package io.switchboard.outbound.delivery;

import java.time.Instant;

/** A row of {@code deliveries}: a command's state and the last result published for it. */
public record DeliveryRow(String idempotencyKey, String conversationKey, String channel, String channelAccountId,
        DeliveryState state, int attempts, Instant nextAttemptAt, String channelMessageId, String resultType,
        String resultJson) {
}
