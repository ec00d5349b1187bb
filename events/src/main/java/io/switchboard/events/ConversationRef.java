package io.switchboard.events;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What logs, metrics and traces name a conversation by: a keyed pseudonym of its key. A conversation key may hold a
 * customer's phone number (WhatsApp's user key), and a plain hash of it could be reversed by hashing every number;
 * an HMAC with a secret the operator keeps cannot. The same key and secret give the same reference in every service,
 * so one conversation can still be followed across their logs by whoever holds the secret:
 * {@code printf %s "$KEY" | openssl dgst -sha256 -hmac "$SECRET" | cut -d' ' -f2 | cut -c1-16}.
 */
public final class ConversationRef {

    /** The name of the logging context (MDC) entry that holds it. */
    public static final String MDC_KEY = "conversation";

    private static final String HMAC = "HmacSHA256";

    private ConversationRef() {
    }

    /** The first 16 hex digits of the HMAC-SHA256 of the conversation key under {@code secret}; null for null. */
    public static String of(String conversationKey, byte[] secret) {
        if (conversationKey == null) {
            return null;
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            byte[] digest = mac.doFinal(conversationKey.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("every JVM has HmacSHA256 and takes any non-empty key", e);
        }
    }
}
