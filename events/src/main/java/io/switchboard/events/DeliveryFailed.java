package io.switchboard.events;

import java.time.Instant;

/**
 * An outbound command was not sent, or the channel refused it. CloudEvent type {@code switchboard.delivery.failed},
 * id {@code {idempotencyKey}:failed}.
 *
 * @param code             the channel's error code (the stable key, never the HTTP status); absent when no call
 *                         was made
 * @param subcode          the channel's error subcode (Messenger and Instagram window errors)
 * @param httpStatus       the HTTP status of the channel's answer, when there was one
 * @param reason           a sentence for a person
 * @param templateRequired the window is closed: only a template can reach the customer now
 * @param permanent        sending the same command again will fail again
 * @param attempts         calls made (0 when refused before any call)
 */
public record DeliveryFailed(String eventId, String idempotencyKey, Channel channel, String channelAccountId,
        String conversationKey, FailureCategory category, Integer code, Integer subcode, Integer httpStatus,
        String reason, boolean templateRequired, boolean permanent, int attempts, Instant occurredAt)
        implements OutboundResultEvent {

    @Override
    public EventType eventType() {
        return EventType.DELIVERY_FAILED;
    }
}
