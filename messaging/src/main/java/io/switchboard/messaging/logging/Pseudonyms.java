package io.switchboard.messaging.logging;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.runtime.StartupEvent;
import io.switchboard.events.ConversationRef;

/**
 * The keyed pseudonyms that logs, metrics and traces name customers' conversations by (docs/privacy.md): an HMAC of
 * the conversation key with the secret {@value #KEY}, the same in every service so that one conversation can be
 * followed across them. There is no default outside dev and test: a production service without a secret of at least
 * {@value #MIN_BYTES} bytes refuses to start, rather than fall back to something guessable.
 */
@ApplicationScoped
public class Pseudonyms {

    public static final String KEY = "switchboard.privacy.pseudonym-key";
    static final int MIN_BYTES = 32;

    private static volatile byte[] secret;

    /** Reads and checks the secret at start-up, so a missing one stops the service now and not at its first log. */
    void onStart(@Observes StartupEvent event) {
        secret();
    }

    /** The pseudonym of a conversation key; null for null. */
    public static String conversation(String conversationKey) {
        return conversationKey == null ? null : ConversationRef.of(conversationKey, secret());
    }

    /**
     * The pseudonym of a customer's identity on a channel (a key prefix and the user part of a conversation key,
     * without the account): what a service may keep of an erased customer to recognise their late records.
     */
    public static String identity(String prefix, String id) {
        return ConversationRef.of(prefix + "::" + id, secret());
    }

    private static byte[] secret() {
        byte[] known = secret;
        if (known == null) {
            known = checked(ConfigProvider.getConfig().getOptionalValue(KEY, String.class));
            secret = known;
        }
        return known;
    }

    /** The configured secret's bytes, or why it cannot be used. */
    static byte[] checked(Optional<String> configured) {
        byte[] bytes = configured.orElseThrow(() -> new IllegalStateException(KEY + " is not set: give every"
                + " service the same secret of at least " + MIN_BYTES + " bytes (SWITCHBOARD_PRIVACY_PSEUDONYM_KEY;"
                + " docs/privacy.md)")).getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_BYTES) {
            throw new IllegalStateException(KEY + " is " + bytes.length + " bytes; it needs at least " + MIN_BYTES);
        }
        return bytes;
    }
}
