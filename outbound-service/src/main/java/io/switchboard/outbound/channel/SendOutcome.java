package io.switchboard.outbound.channel;

import java.time.Duration;

/**
 * What one call to a channel came to.
 *
 * @param channelMessageId ACCEPTED: the channel's id of the message (null for mark-read)
 * @param classification   REJECTED: how to handle the channel's error; NOT_SENT and UNKNOWN: null
 * @param retryAfter       the channel asked us to wait this long ({@code Retry-After}), or null
 */
public record SendOutcome(Kind kind, String channelMessageId, Integer code, Integer subcode, Integer httpStatus,
        String reason, Classification classification, Duration retryAfter) {

    public enum Kind {
        /** The channel took it. */
        ACCEPTED,
        /** The channel answered with an error: the request was not taken. */
        REJECTED,
        /** The request never reached the channel (connection refused, unknown host): safe to send again. */
        NOT_SENT,
        /** No answer (a timeout, a connection lost mid-request): the channel may have taken it. */
        UNKNOWN
    }

    public static SendOutcome accepted(String channelMessageId) {
        return new SendOutcome(Kind.ACCEPTED, channelMessageId, null, null, null, null, null, null);
    }

    public static SendOutcome rejected(Integer code, Integer subcode, int httpStatus, String reason,
            Classification classification, Duration retryAfter) {
        return new SendOutcome(Kind.REJECTED, null, code, subcode, httpStatus, reason, classification, retryAfter);
    }

    public static SendOutcome notSent(String reason) {
        return new SendOutcome(Kind.NOT_SENT, null, null, null, null, reason, null, null);
    }

    public static SendOutcome unknown(String reason) {
        return new SendOutcome(Kind.UNKNOWN, null, null, null, null, reason, null, null);
    }
}
