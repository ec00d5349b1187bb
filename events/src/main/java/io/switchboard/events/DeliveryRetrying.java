package io.switchboard.events;

import java.time.Instant;

/**
 * A call failed with a transient error and will be made again. CloudEvent type
 * {@code switchboard.delivery.retrying}, id {@code {idempotencyKey}:retrying:{attempt}}.
 *
 * @param attempt       the call that failed (1 for the first)
 * @param nextAttemptAt when the next call is due
 */
public record DeliveryRetrying(String eventId, String idempotencyKey, Channel channel, String channelAccountId,
        String conversationKey, Integer code, Integer subcode, Integer httpStatus, String reason, int attempt,
        Instant nextAttemptAt, Instant occurredAt) implements OutboundResultEvent {

    @Override
    public EventType eventType() {
        return EventType.DELIVERY_RETRYING;
    }
}
