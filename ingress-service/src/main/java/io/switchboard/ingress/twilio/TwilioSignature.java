package io.switchboard.ingress.twilio;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code X-Twilio-Signature} (docs/channels.md §6.2): Base64 of HMAC-SHA1, keyed by the account's auth token, over
 * the full URL Twilio called followed by every POST parameter, sorted by name, as name then value with nothing
 * between them.
 */
public final class TwilioSignature {

    public static final String HEADER = "X-Twilio-Signature";

    private TwilioSignature() {
    }

    public static String compute(String authToken, String url, TwilioForm form) {
        StringBuilder data = new StringBuilder(url);
        for (TwilioForm.Param param : form.sorted()) {
            data.append(param.name()).append(param.value());
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 unavailable", e);
        }
    }

    /** Whether {@code header} is the signature of this request; compared in constant time. */
    public static boolean matches(String header, String authToken, String url, TwilioForm form) {
        if (header == null || authToken == null || authToken.isEmpty()) {
            return false;
        }
        byte[] expected = compute(authToken, url, form).getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(expected, header.trim().getBytes(StandardCharsets.UTF_8));
    }
}
