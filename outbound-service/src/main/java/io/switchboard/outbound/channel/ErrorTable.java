package io.switchboard.outbound.channel;

import static io.switchboard.events.FailureCategory.ACCOUNT_PROBLEM;
import static io.switchboard.events.FailureCategory.INVALID_REQUEST;
import static io.switchboard.events.FailureCategory.RECIPIENT_UNREACHABLE;
import static io.switchboard.events.FailureCategory.RETRIES_EXHAUSTED;
import static io.switchboard.events.FailureCategory.WINDOW_CLOSED;
import static io.switchboard.outbound.channel.Handling.PAIR_THROTTLED;
import static io.switchboard.outbound.channel.Handling.PERMANENT;
import static io.switchboard.outbound.channel.Handling.RETRY;
import static io.switchboard.outbound.channel.Handling.RETRY_FEW;
import static io.switchboard.outbound.channel.Handling.THROTTLED;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import io.switchboard.events.Channel;
import io.switchboard.outbound.channel.sms.TwilioErrors;
import io.switchboard.events.FailureCategory;

/**
 * The channels' error codes and what to do about them, as data: WhatsApp Cloud API (docs/channels.md §2.9) and the
 * Messenger / Instagram Send API (§3.7). Meta says to key on {@code error.code} (and {@code error_subcode}), never on
 * the HTTP status, which implementations report inconsistently (400 or 429 for the same throttling code).
 */
public final class ErrorTable {

    private static final Map<Integer, Classification> WHATSAPP = new HashMap<>();
    private static final Map<Long, Classification> GRAPH = new HashMap<>();
    /**
     * Codes that say the account itself cannot send (token, permission, restriction, lock, registration): every
     * further send would fail the same way until a person fixes it (docs/channels.md §2.9, §3.7).
     */
    private static final Set<Integer> WHATSAPP_ACCOUNT_BLOCKED = new HashSet<>(Set.of(0, 3, 10, 33, 190, 368, 131005,
            131031, 131042, 131045, 133010));
    private static final Set<Integer> GRAPH_ACCOUNT_BLOCKED = Set.of(10, 190, 199, 200);

    static {
        whatsapp(0, PERMANENT, ACCOUNT_PROBLEM, "The access token could not be authenticated; refresh it");
        whatsapp(1, RETRY_FEW, RETRIES_EXHAUSTED, "Invalid request or possible server error");
        whatsapp(2, RETRY, RETRIES_EXHAUSTED, "Temporary downtime or overload of the API");
        whatsapp(3, PERMANENT, ACCOUNT_PROBLEM, "Capability or permission issue");
        whatsapp(4, THROTTLED, RETRIES_EXHAUSTED, "The app hit its API call rate limit");
        whatsapp(10, PERMANENT, ACCOUNT_PROBLEM, "Permission not granted or removed");
        whatsapp(33, PERMANENT, ACCOUNT_PROBLEM, "The business phone number was deleted");
        whatsapp(100, PERMANENT, INVALID_REQUEST, "Unsupported or misspelled parameter, or a length exceeded");
        whatsapp(190, PERMANENT, ACCOUNT_PROBLEM, "The access token expired");
        for (int code = 200; code <= 299; code++) {
            whatsapp(code, PERMANENT, ACCOUNT_PROBLEM, "Permission not granted or removed");
            WHATSAPP_ACCOUNT_BLOCKED.add(code);
        }
        whatsapp(368, PERMANENT, ACCOUNT_PROBLEM, "The WhatsApp Business Account is restricted for a policy violation");
        whatsapp(80007, THROTTLED, RETRIES_EXHAUSTED, "The WhatsApp Business Account's rate limit was reached");
        whatsapp(130403, PERMANENT, RECIPIENT_UNREACHABLE, "The business has blocked this user");
        whatsapp(130429, RETRY, RETRIES_EXHAUSTED, "Cloud API throughput of the phone number was reached");
        whatsapp(130472, PERMANENT, RECIPIENT_UNREACHABLE, "The user's number is part of an experiment");
        whatsapp(130497, PERMANENT, RECIPIENT_UNREACHABLE, "The account may not message users in this country");
        whatsapp(131000, RETRY_FEW, RETRIES_EXHAUSTED, "Unknown error");
        whatsapp(131005, PERMANENT, ACCOUNT_PROBLEM, "Access denied");
        whatsapp(131008, PERMANENT, INVALID_REQUEST, "A required parameter is missing");
        whatsapp(131009, PERMANENT, INVALID_REQUEST, "A parameter value is invalid");
        whatsapp(131016, RETRY, RETRIES_EXHAUSTED, "The service is temporarily unavailable");
        whatsapp(131021, PERMANENT, INVALID_REQUEST, "Sender and recipient are the same number");
        whatsapp(131026, PERMANENT, RECIPIENT_UNREACHABLE,
                "Undeliverable: not a WhatsApp user, terms not accepted, or an outdated app");
        whatsapp(131030, PERMANENT, RECIPIENT_UNREACHABLE, "The recipient is not in the allowed list of test numbers");
        whatsapp(131031, PERMANENT, ACCOUNT_PROBLEM, "The account is locked");
        whatsapp(131037, PERMANENT, ACCOUNT_PROBLEM, "The number has no approved display name");
        whatsapp(131042, PERMANENT, ACCOUNT_PROBLEM, "A payment method problem");
        whatsapp(131045, PERMANENT, ACCOUNT_PROBLEM, "Phone number registration error");
        whatsapp(131047, PERMANENT, WINDOW_CLOSED,
                "More than 24 hours have passed since the customer last wrote: send a template");
        whatsapp(131048, PERMANENT, ACCOUNT_PROBLEM, "Spam rate limit: message quality is too low, slow down");
        whatsapp(131049, PERMANENT, RECIPIENT_UNREACHABLE,
                "Not delivered to keep the ecosystem healthy; wait at least 24 hours");
        whatsapp(131050, PERMANENT, RECIPIENT_UNREACHABLE, "The user stopped marketing messages");
        whatsapp(131051, PERMANENT, INVALID_REQUEST, "Unsupported message type");
        whatsapp(131052, PERMANENT, INVALID_REQUEST, "Media download failed");
        whatsapp(131053, PERMANENT, INVALID_REQUEST, "Media upload failed: check the link and the file");
        whatsapp(131056, PAIR_THROTTLED, RETRIES_EXHAUSTED, "Too many messages to this customer in a short time");
        whatsapp(131057, THROTTLED, RETRIES_EXHAUSTED, "The account is in maintenance mode");
        whatsapp(131062, PERMANENT, INVALID_REQUEST, "This recipient cannot be reached by business-scoped user id");
        whatsapp(131063, PERMANENT, ACCOUNT_PROBLEM, "Marketing templates are disabled for this account");
        whatsapp(131064, PERMANENT, ACCOUNT_PROBLEM, "Messaging limit reached after template classification violations");
        whatsapp(132000, PERMANENT, INVALID_REQUEST, "The template's parameter count does not match");
        whatsapp(132001, PERMANENT, INVALID_REQUEST, "The template does not exist in this language or is not approved");
        whatsapp(132005, PERMANENT, INVALID_REQUEST, "The template's translated text is too long");
        whatsapp(132007, PERMANENT, INVALID_REQUEST, "The template violates a policy");
        whatsapp(132012, PERMANENT, INVALID_REQUEST, "A template parameter has the wrong format");
        whatsapp(132015, PERMANENT, INVALID_REQUEST, "The template is paused");
        whatsapp(132016, PERMANENT, INVALID_REQUEST, "The template is permanently disabled");
        whatsapp(133004, RETRY, RETRIES_EXHAUSTED, "The server is temporarily unavailable");
        whatsapp(133010, PERMANENT, ACCOUNT_PROBLEM, "The phone number is not registered");
        whatsapp(135000, PERMANENT, INVALID_REQUEST, "Generic user error in the request parameters");

        graph(1, null, RETRY_FEW, RETRIES_EXHAUSTED, "Unknown error");
        graph(2, null, RETRY_FEW, RETRIES_EXHAUSTED, "Service temporarily unavailable (or the user blocked the Page)");
        graph(2, 2018344, PERMANENT, ACCOUNT_PROBLEM, "The Privacy Terms for labels are not accepted");
        graph(4, null, THROTTLED, RETRIES_EXHAUSTED, "Application rate limit");
        graph(17, null, THROTTLED, RETRIES_EXHAUSTED, "User or account rate limit");
        graph(32, null, THROTTLED, RETRIES_EXHAUSTED, "Page rate limit");
        graph(613, null, THROTTLED, RETRIES_EXHAUSTED, "Custom rate limit");
        graph(10, null, PERMANENT, ACCOUNT_PROBLEM, "Permission not granted");
        graph(10, 2018278, PERMANENT, WINDOW_CLOSED, "Sent outside the allowed window: wait for the customer to write");
        graph(10, 2534022, PERMANENT, WINDOW_CLOSED, "Sent outside the allowed window: wait for the customer to write");
        graph(100, null, PERMANENT, INVALID_REQUEST, "Invalid parameter");
        graph(100, 2018001, PERMANENT, RECIPIENT_UNREACHABLE, "No matching user found");
        graph(190, null, PERMANENT, ACCOUNT_PROBLEM, "The access token is invalid or expired");
        graph(199, null, PERMANENT, ACCOUNT_PROBLEM, "Missing permission, access level or business verification");
        graph(200, null, PERMANENT, ACCOUNT_PROBLEM, "Permission error");
        graph(551, null, PERMANENT, RECIPIENT_UNREACHABLE, "This person isn't available right now");
        graph(1545041, null, PERMANENT, RECIPIENT_UNREACHABLE, "The recipient is unavailable");
    }

    private ErrorTable() {
    }

    /**
     * True when the error blocks the whole account (an invalid or expired token, a missing permission, a restricted
     * or locked account), not just this message. Window errors (Graph 10 with a window subcode) are decided first.
     */
    public static boolean blocksAccount(Channel channel, Integer code) {
        if (code == null) {
            return false;
        }
        switch (channel) {
            case WHATSAPP:
                return WHATSAPP_ACCOUNT_BLOCKED.contains(code);
            case MESSENGER:
            case INSTAGRAM:
                return GRAPH_ACCOUNT_BLOCKED.contains(code);
            case TELEGRAM:
                return io.switchboard.outbound.channel.telegram.TelegramErrors.ACCOUNT_BLOCKED.contains(code);
            case SMS:
                return TwilioErrors.blocksAccount(code);
            default:
                return false;
        }
    }

    /** A WhatsApp Cloud API error; unknown codes are transient when the server failed (5xx), permanent otherwise. */
    public static Classification whatsapp(int code, int httpStatus) {
        Classification known = WHATSAPP.get(code);
        return known != null ? known : unknown(httpStatus);
    }

    /** A Messenger or Instagram Send API error: code and subcode first, then the code alone. */
    public static Classification graph(int code, Integer subcode, int httpStatus) {
        Classification known = subcode == null ? null : GRAPH.get(key(code, subcode));
        if (known == null) {
            known = GRAPH.get(key(code, null));
        }
        return known != null ? known : unknown(httpStatus);
    }

    /**
     * A custom source's answer, by HTTP status (its protocol has no error codes): 408, 429 and 5xx are transient,
     * any other 4xx permanent.
     */
    public static Classification customSource(int httpStatus) {
        if (httpStatus == 408 || httpStatus == 429 || httpStatus >= 500) {
            return new Classification(RETRY, RETRIES_EXHAUSTED, "The source answered HTTP " + httpStatus);
        }
        return new Classification(PERMANENT, INVALID_REQUEST, "The source refused the reply with HTTP " + httpStatus);
    }

    private static Classification unknown(int httpStatus) {
        return httpStatus >= 500
                ? new Classification(RETRY_FEW, RETRIES_EXHAUSTED, "Unknown server error")
                : new Classification(PERMANENT, INVALID_REQUEST, "Unknown error");
    }

    private static void whatsapp(int code, Handling handling, FailureCategory category, String reason) {
        WHATSAPP.put(code, new Classification(handling, category, reason));
    }

    private static void graph(int code, Integer subcode, Handling handling, FailureCategory category, String reason) {
        GRAPH.put(key(code, subcode), new Classification(handling, category, reason));
    }

    private static long key(int code, Integer subcode) {
        return ((long) code << 32) | (subcode == null ? 0xFFFFFFFFL : subcode.longValue() & 0xFFFFFFFFL);
    }
}
