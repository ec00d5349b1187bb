package io.switchboard.ingress.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 signatures in the {@code sha256=<hex>} form Meta and our custom sources use. */
public final class Signatures {

    public static final String PREFIX = "sha256=";

    private Signatures() {
    }

    /** Lowercase hex of HMAC-SHA256(key = secret, message = parts concatenated). */
    public static String hmacSha256Hex(String secret, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * Whether a {@code sha256=<hex>} header matches the signature of the exact bytes received. Compared in constant
     * time, so the answer's timing says nothing about how much of a forged signature was right.
     */
    public static boolean matches(String header, String secret, byte[]... signedParts) {
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            return false;
        }
        byte[] given = header.substring(PREFIX.length()).trim().toLowerCase(Locale.ROOT)
                .getBytes(StandardCharsets.US_ASCII);
        byte[] expected = hmacSha256Hex(secret, signedParts).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given);
    }
}
