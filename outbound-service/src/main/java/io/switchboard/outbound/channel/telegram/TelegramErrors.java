package io.switchboard.outbound.channel.telegram;

import static io.switchboard.events.FailureCategory.ACCOUNT_PROBLEM;
import static io.switchboard.events.FailureCategory.INVALID_REQUEST;
import static io.switchboard.events.FailureCategory.RECIPIENT_UNREACHABLE;
import static io.switchboard.events.FailureCategory.RETRIES_EXHAUSTED;
import static io.switchboard.outbound.channel.Handling.PERMANENT;
import static io.switchboard.outbound.channel.Handling.RETRY;
import static io.switchboard.outbound.channel.Handling.RETRY_FEW;

import java.util.Locale;
import java.util.Set;

import io.switchboard.outbound.channel.Classification;

/**
 * Telegram's errors (docs/channels.md §5.5). Telegram has only {@code error_code} (an HTTP status) and a
 * human-readable {@code description}, so the description's stable phrases decide between causes of one code; a
 * 429's wait is in {@code parameters.retry_after}, which the sender passes on as the retry time.
 */
public final class TelegramErrors {

    /** Codes that say the bot itself cannot send: a revoked token (401) or a token Telegram does not know (404). */
    public static final Set<Integer> ACCOUNT_BLOCKED = Set.of(401, 404);

    private TelegramErrors() {
    }

    public static Classification classify(int errorCode, String description) {
        String said = description == null ? "" : description.toLowerCase(Locale.ROOT);
        if (errorCode == 429) {
            return new Classification(RETRY, RETRIES_EXHAUSTED, "Telegram's flood control: retried when it allows");
        }
        if (errorCode >= 500) {
            return new Classification(RETRY, RETRIES_EXHAUSTED, "Telegram server error");
        }
        if (errorCode == 401 || errorCode == 404) {
            return new Classification(PERMANENT, ACCOUNT_PROBLEM, "The bot token is invalid or revoked");
        }
        if (errorCode == 403) {
            // "bot was blocked by the user", "user is deactivated", "bot was kicked from the group chat", "bot can't
            // initiate conversation with a user": each is the customer's side, and sending again changes nothing.
            String reason = said.contains("blocked") ? "The customer blocked the bot"
                    : "The bot may not write to this chat";
            return new Classification(PERMANENT, RECIPIENT_UNREACHABLE, reason);
        }
        if (errorCode == 400 && (said.contains("chat not found") || said.contains("user not found")
                || said.contains("group chat was upgraded"))) {
            return new Classification(PERMANENT, RECIPIENT_UNREACHABLE, "The chat does not exist for this bot");
        }
        if (errorCode == 409 || errorCode == 420) {
            return new Classification(RETRY_FEW, RETRIES_EXHAUSTED, "Telegram refused the call for now");
        }
        return new Classification(PERMANENT, INVALID_REQUEST, "Telegram refused the request");
    }
}
