package io.switchboard.conformance;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The kit playing Switchboard's ingress ({@code -Dlisten}): the source under test sends it its real traffic, and
 * every request is checked against the inbound rules (CS-2.x, CS-3.1, CS-5.x) and answered as Switchboard would
 * answer it, so the source carries on as in production. With {@code probeRetry} the first well-formed request is
 * answered 503 with {@code Retry-After}, to see the source retry it as CS-4.2 says.
 */
public final class StandInIngress implements AutoCloseable {

    public static final EnumSet<Rule> SCOPE = EnumSet.of(Rule.CS_2_1, Rule.CS_2_2, Rule.CS_2_3, Rule.CS_2_4,
            Rule.CS_2_5, Rule.CS_2_6, Rule.CS_2_7, Rule.CS_2_8, Rule.CS_3_1, Rule.CS_4_2, Rule.CS_5_1, Rule.CS_5_2);

    private static final long WINDOW_SECONDS = 300;

    /** What one run expects: how many stored requests end it, whether to probe retries and with what Retry-After. */
    public record Settings(String sourceId, String secret, int requests, boolean probeRetry, int retryAfterSeconds) {
    }

    private record Probe(String key, String digest, String timestamp, Instant answeredAt) {
    }

    private final Settings settings;
    private final Report report = new Report(SCOPE);
    private final HttpServer server;
    private final Clock clock = Clock.systemUTC();
    private final PrintStream log;
    private final Map<String, String> keys = new ConcurrentHashMap<>();
    private final Map<String, String> events = new ConcurrentHashMap<>();
    private final CountDownLatch stored;
    private Probe probe;
    private boolean probed;

    public StandInIngress(Settings settings, int port, PrintStream log) throws IOException {
        this.settings = settings;
        this.log = log;
        this.stored = new CountDownLatch(Math.max(1, settings.requests()));
        this.server = HttpServer.create(new InetSocketAddress(port), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Waits until the expected number of requests was stored (and a probed request retried), or {@code max}. */
    public Report await(Duration max) throws InterruptedException {
        stored.await(max.toMillis(), TimeUnit.MILLISECONDS);
        synchronized (this) {
            if (probe != null) {
                report.fail(Rule.CS_4_2, "the request answered 503 (Idempotency-Key " + probe.key()
                        + ") was not retried within the run");
            }
        }
        return report;
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = read(exchange.getRequestBody());
            Answer answer = check(exchange, body);
            log.printf("%s %s -> %d %s%n", exchange.getRequestMethod(), exchange.getRequestURI(), answer.status,
                    answer.body);
            if (answer.retryAfter != null) {
                exchange.getResponseHeaders().add("Retry-After", answer.retryAfter);
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = answer.body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(answer.status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private record Answer(int status, String body, String retryAfter) {
        static Answer error(int status, String code, String message) {
            return new Answer(status, "{\"error\":\"" + code + "\",\"message\":\"" + message.replace("\"", "'")
                    + "\"}", null);
        }
    }

    private Answer check(HttpExchange exchange, byte[] body) {
        String path = exchange.getRequestURI().getPath();
        boolean endpoint = "POST".equals(exchange.getRequestMethod())
                && path.equals("/webhooks/custom/" + settings.sourceId());
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        boolean json = contentType != null && contentType.toLowerCase().startsWith("application/json");
        report.check(Rule.CS_2_1, endpoint && json, exchange.getRequestMethod() + " " + path + " with Content-Type "
                + contentType + " (expected POST /webhooks/custom/" + settings.sourceId() + ", application/json)");
        if (!endpoint) {
            return Answer.error(404, "not_found", "no such source");
        }
        report.check(Rule.CS_2_5, body.length <= BodyRules.MAX_BYTES, "a body of " + body.length + "+ bytes");
        if (body.length > BodyRules.MAX_BYTES) {
            return Answer.error(413, "payload_too_large", "body over 1 MiB");
        }
        String timestamp = exchange.getRequestHeaders().getFirst("X-Timestamp");
        String signature = exchange.getRequestHeaders().getFirst("X-Signature-256");
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        String stale = staleness(timestamp);
        report.check(Rule.CS_2_2, stale == null, stale);
        if (stale != null || signature == null) {
            report.check(Rule.CS_2_3, signature != null, "no X-Signature-256 header");
            return Answer.error(401, "missing_signature", stale == null ? "X-Signature-256 missing" : stale);
        }
        boolean keyValid = key != null && key.matches("[\\x21-\\x7e]{1,200}");
        report.check(Rule.CS_2_4, keyValid, "Idempotency-Key " + (key == null ? "missing" : "'" + key + "'"));
        if (!keyValid) {
            return Answer.error(400, "malformed_request", "Idempotency-Key missing or not 1-200 visible ASCII");
        }
        String expected = Hmac.inbound(settings.secret(), timestamp, key, body);
        boolean signed = Hmac.same(expected, signature);
        report.check(Rule.CS_2_3, signed, "Idempotency-Key " + key + ": " + signatureMistake(signature, timestamp,
                body));
        if (!signed) {
            return Answer.error(403, "invalid_signature", "signature does not match");
        }
        return stored(key, timestamp, body);
    }

    /** A well-signed request: repeat, reused key, body rules, the retry probe, then stored. */
    private synchronized Answer stored(String key, String timestamp, byte[] body) {
        String digest = Hmac.sha256(body);
        retried(key, digest, timestamp);
        String before = keys.get(key);
        if (before != null) {
            report.check(Rule.CS_5_1, before.equals(digest), "Idempotency-Key " + key
                    + " was used before for another body");
            return before.equals(digest) ? accepted(key, BodyRules.events(BodyRules.read(body)).size())
                    : Answer.error(409, "idempotency_key_reused", "key used for another body");
        }
        Map<Rule, List<String>> violations = BodyRules.violations(settings.sourceId(), body);
        for (Rule rule : List.of(Rule.CS_2_6, Rule.CS_2_7, Rule.CS_3_1, Rule.CS_2_8)) {
            List<String> found = violations.get(rule);
            if (found != null) {
                found.forEach(violation -> report.fail(rule, "Idempotency-Key " + key + ": " + violation));
                return Answer.error(400, rule == Rule.CS_2_6 ? "malformed_json" : rule == Rule.CS_3_1
                        ? "validation_failed" : "input_out_of_bounds", String.join("; ", found));
            }
            report.pass(rule);
        }
        if (settings.probeRetry() && !probed) {
            probed = true;
            probe = new Probe(key, digest, timestamp, clock.instant());
            return new Answer(503, "{\"error\":\"unavailable\",\"message\":\"probing your retries\"}",
                    String.valueOf(settings.retryAfterSeconds()));
        }
        List<JsonNode> batch = BodyRules.events(BodyRules.read(body));
        for (JsonNode event : batch) {
            String id = event.get("event_id").asText();
            String earlier = events.putIfAbsent(id, event.toString());
            report.check(Rule.CS_5_2, earlier == null || earlier.equals(event.toString()),
                    "event_id " + id + " was sent before for another event");
        }
        keys.put(key, digest);
        stored.countDown();
        return accepted(key, batch.size());
    }

    /** The retry of the request the probe answered 503: same key and body, not early, with a new timestamp. */
    private void retried(String key, String digest, String timestamp) {
        if (probe == null || !probe.key().equals(key)) {
            return;
        }
        Duration waited = Duration.between(probe.answeredAt(), clock.instant());
        report.check(Rule.CS_4_2, digest.equals(probe.digest()), "the retry of " + key + " changed the body");
        report.check(Rule.CS_4_2, waited.toMillis() >= settings.retryAfterSeconds() * 1000L - 50,
                "retried " + key + " after " + waited.toMillis() + " ms, before Retry-After ("
                        + settings.retryAfterSeconds() + " s)");
        report.check(Rule.CS_4_2, !timestamp.equals(probe.timestamp()), "the retry of " + key
                + " was not re-signed (same X-Timestamp " + timestamp + ")");
        probe = null;
    }

    private static Answer accepted(String key, int count) {
        return new Answer(202, "{\"accepted\":" + count + ",\"idempotencyKey\":\"" + key + "\"}", null);
    }

    private String staleness(String timestamp) {
        if (timestamp == null || !timestamp.matches("[0-9]{1,12}")) {
            return "X-Timestamp " + (timestamp == null ? "missing" : "'" + timestamp + "' is not Unix seconds");
        }
        long skew = Math.abs(clock.instant().getEpochSecond() - Long.parseLong(timestamp));
        return skew <= WINDOW_SECONDS ? null : "X-Timestamp " + timestamp + " is " + skew + " s from our clock";
    }

    /** Names the usual mistake behind a wrong signature, so the report says what to fix. */
    private String signatureMistake(String signature, String timestamp, byte[] body) {
        if (Hmac.same(Hmac.outbound(settings.secret(), timestamp, body), signature)) {
            return "signed X-Timestamp.body without the Idempotency-Key (the scheme before December 2026)";
        }
        if (signature.startsWith("sha256=") && !signature.equals(signature.toLowerCase())) {
            return "the hex must be lowercase";
        }
        return signature.startsWith("sha256=") ? "does not match (wrong secret, or the body changed after signing)"
                : "no sha256= prefix";
    }

    private static byte[] read(InputStream in) throws IOException {
        return in.readNBytes(BodyRules.MAX_BYTES + 1);
    }
}
