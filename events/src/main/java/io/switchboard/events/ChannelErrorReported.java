package io.switchboard.events;

import java.time.Instant;
import java.util.List;

/**
 * A channel reported a problem with an account rather than a message (WhatsApp {@code value.errors[]}). Keyed by
 * account, not by conversation: {@code conversationKey} is {@code prefix:account}.
 * CloudEvent type {@code switchboard.channel.error-reported}.
 */
public record ChannelErrorReported(String eventId, Channel channel, String channelAccountId,
        String conversationKey, List<ChannelError> errors, Instant occurredAt, Instant receivedAt, RawRef raw)
        implements StatusEvent {

    public ChannelErrorReported {
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    @Override
    public EventType eventType() {
        return EventType.CHANNEL_ERROR_REPORTED;
    }
}
