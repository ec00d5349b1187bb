package io.switchboard.conformance;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The protocol's signatures: {@code sha256=} + lowercase hex HMAC-SHA256 (docs/custom-source.md §2.3, §7.1). */
public final class Hmac {

    private Hmac() {
    }

    /** Inbound (source to Switchboard): over {@code timestamp "." key "." body}. */
    public static String inbound(String secret, String timestamp, String key, byte[] body) {
        return header(secret, (timestamp + "." + key + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Outbound (Switchboard to the callback): over {@code timestamp "." body}; the key is the body's message_id. */
    public static String outbound(String secret, String timestamp, byte[] body) {
        return header(secret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body);
    }

    /** Whether a header is exactly the expected one (lowercase hex, the prefix), compared in constant time. */
    public static boolean same(String expected, String given) {
        return given != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                given.getBytes(StandardCharsets.US_ASCII));
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String header(String secret, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix);
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
