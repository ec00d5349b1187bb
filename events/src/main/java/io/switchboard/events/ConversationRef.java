package io.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What logs name a conversation by. A conversation key may hold a customer's phone number (WhatsApp's user key), and
 * phone numbers stay out of logs; the same key gives the same reference in every service, so one conversation can
 * still be followed across their logs: {@code printf %s "$KEY" | sha256sum | cut -c1-16}.
 */
public final class ConversationRef {

    /** The name of the logging context (MDC) entry that holds it. */
    public static final String MDC_KEY = "conversation";

    private ConversationRef() {
    }

    /** The first 16 hex digits of the SHA-256 of the conversation key; null for null. */
    public static String of(String conversationKey) {
        if (conversationKey == null) {
            return null;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(conversationKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
