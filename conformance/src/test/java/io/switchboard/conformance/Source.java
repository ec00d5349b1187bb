package io.switchboard.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * A custom source as docs/custom-source.md §2-§5 asks for it, written in the test with its own HMAC: signs
 * {@code timestamp.key.body}, retries a 503 after its Retry-After with the same body and key, re-signed. Each
 * {@link Flaw} is one mistake real sources make.
 */
final class Source {

    enum Flaw { NONE, WRONG_SECRET, OLD_SCHEME, STALE_TIMESTAMP, REUSED_KEY, IMPATIENT_RETRY, TOO_DEEP,
        CONTROL_CHARACTER_IN_ID, UNKNOWN_PROPERTY, SAME_EVENT_ID_OTHER_EVENT }

    private final HttpClient client = HttpClient.newHttpClient();
    private final URI endpoint;
    private final Flaw flaw;

    Source(URI endpoint, Flaw flaw) {
        this.endpoint = endpoint;
        this.flaw = flaw;
    }

    /**
     * Sends {@code count} requests, one event each (the last a batch of two), retrying as the flaw allows, then the
     * first one again, as after an answer that was lost.
     */
    void send(int count) throws IOException, InterruptedException {
        String firstKey = null;
        String firstBody = null;
        for (int i = 1; i <= count; i++) {
            String eventId = flaw == Flaw.SAME_EVENT_ID_OTHER_EVENT ? "evt_same" : "evt_" + i;
            String event = event(eventId, "message " + i);
            String body = i == count ? "{\"events\":[" + event + "," + event("evt_batch_" + i, "batched") + "]}"
                    : event;
            String key = flaw == Flaw.REUSED_KEY ? "key_same" : "key_" + i;
            deliver(key, body);
            if (i == 1) {
                firstKey = key;
                firstBody = body;
            }
        }
        deliver(firstKey, firstBody);
    }

    private void deliver(String key, String body) throws IOException, InterruptedException {
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> answer = post(key, body);
            if (answer.statusCode() != 503 && answer.statusCode() != 429) {
                return;
            }
            long wait = Long.parseLong(answer.headers().firstValue("Retry-After").orElse("1"));
            Thread.sleep(flaw == Flaw.IMPATIENT_RETRY ? 100 : wait * 1000 + 100);
        }
    }

    private HttpResponse<String> post(String key, String body) throws IOException, InterruptedException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        String timestamp = String.valueOf(Instant.now().getEpochSecond() - (flaw == Flaw.STALE_TIMESTAMP ? 900 : 0));
        String secret = flaw == Flaw.WRONG_SECRET ? "sk_live_other" : Receiver.SECRET;
        String signed = flaw == Flaw.OLD_SCHEME ? timestamp + "." : timestamp + "." + key + ".";
        String signature = hmac(secret, signed, bytes);
        return client.send(HttpRequest.newBuilder(endpoint).header("Content-Type", "application/json")
                .header("X-Timestamp", timestamp).header("Idempotency-Key", key)
                .header("X-Signature-256", "sha256=" + signature)
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String event(String eventId, String text) {
        String id = flaw == Flaw.CONTROL_CHARACTER_IN_ID ? eventId + "\\u001b" : eventId;
        String when = flaw == Flaw.UNKNOWN_PROPERTY ? "ocurred_at" : "occurred_at";
        String message = "{\"external_id\":\"m_" + eventId + "\",\"text\":\"" + text + "\"}";
        if (flaw == Flaw.TOO_DEEP) {
            message = "{\"external_id\":\"m\",\"text\":\"x\",\"deep\":" + "[".repeat(16) + "]".repeat(16) + "}";
        }
        return "{\"event_id\":\"" + id + "\",\"type\":\"message\",\"" + when + "\":\"2026-12-04T10:00:00Z\","
                + "\"conversation\":{\"external_id\":\"conv_1\"},\"user\":{\"external_id\":\"cust_1\"},"
                + "\"message\":" + message + "}";
    }

    private static String hmac(String secret, String prefix, byte[] body) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Flaw> flaws() {
        return List.of(Flaw.values()).subList(1, Flaw.values().length);
    }
}
