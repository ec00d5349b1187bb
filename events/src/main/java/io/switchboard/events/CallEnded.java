package io.switchboard.events;

import java.time.Instant;
import java.util.List;

/**
 * A call between the customer and the business ended: WhatsApp's {@code terminate} webhook, or the customer
 * rejecting a business-initiated call (a {@code REJECTED} call status). Both carry the same id,
 * {@code wa:call:{callId}:terminate}, so whichever comes first is the one published. CloudEvent type
 * {@code switchboard.call.ended}.
 *
 * @param outcome         completed, missed, rejected or failed (docs/channels.md §2.11)
 * @param startedAt       when the call was answered; null when it never was
 * @param endedAt         when it ended; null when it never was answered
 * @param durationSeconds how long it lasted once answered; null when the channel does not say
 * @param errors          what the channel reported with a failed call
 */
public record CallEnded(String eventId, Channel channel, String channelAccountId, String conversationKey,
        Customer customer, String callId, CallDirection direction, CallOutcome outcome, Instant startedAt,
        Instant endedAt, Integer durationSeconds, List<ChannelError> errors, Instant occurredAt, Instant receivedAt,
        RawRef raw) implements InboundEvent {

    public CallEnded {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    /** Whether nobody answered: what a queue's {@code callbacks: missed} turns into a callback task. */
    public boolean missed() {
        return outcome == CallOutcome.MISSED;
    }

    @Override
    public EventType eventType() {
        return EventType.CALL_ENDED;
    }
}
