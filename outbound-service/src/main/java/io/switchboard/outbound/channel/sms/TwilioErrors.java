package io.switchboard.outbound.channel.sms;

import static io.switchboard.events.FailureCategory.ACCOUNT_PROBLEM;
import static io.switchboard.events.FailureCategory.INVALID_REQUEST;
import static io.switchboard.events.FailureCategory.RECIPIENT_UNREACHABLE;
import static io.switchboard.events.FailureCategory.RETRIES_EXHAUSTED;
import static io.switchboard.outbound.channel.Handling.PERMANENT;
import static io.switchboard.outbound.channel.Handling.RETRY;
import static io.switchboard.outbound.channel.Handling.THROTTLED;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.switchboard.events.FailureCategory;
import io.switchboard.outbound.channel.Classification;
import io.switchboard.outbound.channel.Handling;

/**
 * Twilio's error codes (docs/channels.md §6.6), as data: the {@code code} of the Messages API's error body at send
 * time, and the {@code ErrorCode} of a failed or undelivered status callback afterwards. Keyed on the code; the HTTP
 * status only decides for a code not listed (5xx transient, else permanent).
 */
public final class TwilioErrors {

    private static final Map<Integer, Classification> CODES = new HashMap<>();
    /** Codes that stop every send of the account until a person acts (credentials). */
    private static final Set<Integer> ACCOUNT_BLOCKED = Set.of(20003);

    static {
        code(20003, PERMANENT, ACCOUNT_PROBLEM, "Twilio refused the credentials: check the Account SID and auth token");
        code(20429, THROTTLED, RETRIES_EXHAUSTED, "Twilio's API rate limit was reached");
        code(14107, THROTTLED, RETRIES_EXHAUSTED, "Too many messages between the same two numbers in 30 s");
        code(21211, PERMANENT, RECIPIENT_UNREACHABLE, "The customer's number is not a valid phone number");
        code(21408, PERMANENT, ACCOUNT_PROBLEM, "The account may not send to this region");
        code(21602, PERMANENT, INVALID_REQUEST, "The message needs a body or media");
        code(21606, PERMANENT, ACCOUNT_PROBLEM, "The sending number cannot send SMS");
        code(21610, PERMANENT, RECIPIENT_UNREACHABLE,
                "The customer unsubscribed (replied STOP); they can write START to opt in again");
        code(21612, PERMANENT, RECIPIENT_UNREACHABLE, "The customer's number cannot be reached from this number");
        code(21614, PERMANENT, RECIPIENT_UNREACHABLE, "The customer's number is not a mobile number");
        code(21617, PERMANENT, INVALID_REQUEST, "The message is longer than 1,600 characters");
        // ErrorCode of a status callback: the carrier could not deliver what Twilio accepted.
        code(30001, RETRY, RETRIES_EXHAUSTED, "Twilio's queue for the number overflowed");
        code(30002, PERMANENT, ACCOUNT_PROBLEM, "The Twilio account is suspended");
        code(30003, PERMANENT, RECIPIENT_UNREACHABLE, "The customer's handset is unreachable (off or out of coverage)");
        code(30004, PERMANENT, RECIPIENT_UNREACHABLE, "The message was blocked (by the customer or their carrier)");
        code(30005, PERMANENT, RECIPIENT_UNREACHABLE, "The customer's number is unknown or no longer exists");
        code(30006, PERMANENT, RECIPIENT_UNREACHABLE, "The customer's number is a landline or its carrier unreachable");
        code(30007, PERMANENT, INVALID_REQUEST, "The carrier filtered the message (content, or an unregistered sender)");
        code(30008, PERMANENT, RECIPIENT_UNREACHABLE, "The carrier reported an unknown delivery error");
    }

    private TwilioErrors() {
    }

    /** The classification of {@code code} (null when the body had none), {@code httpStatus} for unknown ones. */
    public static Classification classify(Integer code, int httpStatus) {
        Classification known = code == null ? null : CODES.get(code);
        if (known != null) {
            return known;
        }
        if (httpStatus == 429) {
            return new Classification(THROTTLED, RETRIES_EXHAUSTED, "Twilio answered 429 Too Many Requests");
        }
        return httpStatus >= 500
                ? new Classification(RETRY, RETRIES_EXHAUSTED, "Twilio answered HTTP " + httpStatus)
                : httpStatus == 0 ? new Classification(PERMANENT, RECIPIENT_UNREACHABLE, "Twilio reported a failure")
                : new Classification(PERMANENT, INVALID_REQUEST,
                        "Twilio refused the message (HTTP " + httpStatus + ")");
    }

    /** True when the code stops the whole account (its credentials), not just this message. */
    public static boolean blocksAccount(Integer code) {
        return code != null && ACCOUNT_BLOCKED.contains(code);
    }

    private static void code(int code, Handling handling, FailureCategory category, String reason) {
        CODES.put(code, new Classification(handling, category, reason));
    }
}
