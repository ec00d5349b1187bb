package io.switchboard.conformance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A third party's callback endpoint as docs/custom-source.md §7 asks for it, written from the document in the test
 * (its own HMAC, not the kit's): verifies the signature and the window, deduplicates on Idempotency-Key, answers 422
 * to a type it does not know. Its first call is a 503 with Retry-After, as a receiver that is briefly busy answers.
 * Each {@link Flaw} breaks one of those, as real receivers get them wrong.
 */
final class Receiver implements AutoCloseable {

    enum Flaw { NONE, ACCEPTS_ANY_SIGNATURE, ACCEPTS_STALE_TIMESTAMP, NO_DEDUPLICATION, TAKES_UNKNOWN_TYPE,
        BAD_RETRY_AFTER, SERVER_ERROR_ON_BAD_SIGNATURE, NO_EXTERNAL_ID }

    static final String SECRET = "sk_test_5f2b9c1e";

    private final Flaw flaw;
    private final HttpServer server;
    private final Map<String, String> taken = new ConcurrentHashMap<>();
    private final AtomicInteger calls = new AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();

    Receiver(Flaw flaw) throws IOException {
        this.flaw = flaw;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/callback", this::handle);
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callback");
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (calls.incrementAndGet() == 1) {
                answer(exchange, 503, "{\"error\":\"busy\"}", flaw == Flaw.BAD_RETRY_AFTER ? "soon" : "1");
                return;
            }
            String timestamp = exchange.getRequestHeaders().getFirst("X-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-Signature-256");
            boolean signed = signature != null && MessageDigest.isEqual(signature.getBytes(StandardCharsets.US_ASCII),
                    ("sha256=" + hmac(timestamp + ".", body)).getBytes(StandardCharsets.US_ASCII));
            if (!signed && flaw != Flaw.ACCEPTS_ANY_SIGNATURE) {
                answer(exchange, flaw == Flaw.SERVER_ERROR_ON_BAD_SIGNATURE ? 500 : 403, "{\"error\":\"sig\"}", null);
                return;
            }
            long skew = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp));
            if (skew > 300 && flaw != Flaw.ACCEPTS_STALE_TIMESTAMP) {
                answer(exchange, 401, "{\"error\":\"stale\"}", null);
                return;
            }
            JsonNode reply = json.readTree(body);
            if (!"message".equals(reply.path("type").asText()) && flaw != Flaw.TAKES_UNKNOWN_TYPE) {
                answer(exchange, 422, "{\"error\":\"unknown type\"}", null);
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            String id = flaw == Flaw.NO_DEDUPLICATION ? "out_" + calls.get()
                    : taken.computeIfAbsent(key, k -> "out_" + taken.size());
            answer(exchange, 200, flaw == Flaw.NO_EXTERNAL_ID ? "{}" : "{\"external_id\":\"" + id + "\"}", null);
        }
    }

    private static void answer(HttpExchange exchange, int status, String body, String retryAfter) throws IOException {
        if (retryAfter != null) {
            exchange.getResponseHeaders().add("Retry-After", retryAfter);
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static String hmac(String prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update(prefix.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
