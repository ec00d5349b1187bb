package io.switchboard.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The kit playing Switchboard's outbound-service ({@code -Dtarget}): signed replies to the receiver's callback URL,
 * in the exact form outbound-service sends them (docs/custom-source.md §7.1), and the answers checked against CS-7.x.
 * A temporary refusal is retried as outbound-service retries it (at most 6 calls, Retry-After honoured up to
 * {@code maxWait}), so a receiver that is briefly busy is not failed for it.
 */
public final class CallbackProbe {

    public static final EnumSet<Rule> SCOPE = EnumSet.of(Rule.CS_7_1, Rule.CS_7_2, Rule.CS_7_3, Rule.CS_7_4,
            Rule.CS_7_5, Rule.CS_7_6, Rule.CS_7_7);

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CALLS = 6;
    private static final int MAX_ANSWER = 64 * 1024;

    /** @param conversationId and userId: ids the receiver knows, since a real one may refuse replies to strangers */
    public record Settings(URI target, String secret, String conversationId, String userId, Duration maxWait) {
    }

    private record Answer(int status, String body, String retryAfter) {
    }

    private final Settings settings;
    private final Report report = new Report(SCOPE);
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Clock clock = Clock.systemUTC();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public CallbackProbe(Settings settings) {
        this.settings = settings;
    }

    public Report run() throws InterruptedException {
        ObjectNode text = reply("text");
        message(text).put("text", "Your order ships tomorrow.").put("reply_to", "msg_kit_1");
        String first = taken("a text reply", text);
        if (first != null) {
            String repeat = taken("the same reply again (a retry after a lost answer)", text);
            report.check(Rule.CS_7_5, first.equals(repeat), "a repeat of message_id " + text.get("message_id")
                    .asText() + " got external_id " + repeat + ", the first call " + first);
        }
        ObjectNode media = reply("media");
        message(media).put("text", "The label, as a photo").withArray("media").addObject()
                .put("url", "https://files.switchboard.example/m/label.jpg").put("type", "image");
        media.put("x_kit_future_field", "ignore me");
        String second = taken("an image reply with a caption and a field version 1 may add later", media);
        if (first != null && second != null) {
            report.check(Rule.CS_7_5, !first.equals(second), "two different messages got the same external_id "
                    + first);
        }
        refused(Rule.CS_7_2, "a reply signed with another secret", reply("forged"), "sha256=" + "0".repeat(64),
                now());
        refused(Rule.CS_7_2, "a reply without X-Signature-256", reply("unsigned"), null, now());
        ObjectNode stale = reply("stale");
        String staleTime = String.valueOf(clock.instant().getEpochSecond() - 600);
        refused(Rule.CS_7_3, "a reply signed 600 s ago", stale, sign(stale, staleTime), staleTime);
        ObjectNode unknown = reply("unknown-type");
        unknown.put("type", "x_kit_new_type");
        Answer answer = call(unknown, sign(unknown, now()), now());
        report.check(Rule.CS_7_6, answer.status() == 422, "a reply of type x_kit_new_type was answered "
                + answer.status() + " (expected 422)");
        return report;
    }

    /** A reply the receiver must take: 2xx with an external_id; returns it, or null when the call failed. */
    private String taken(String what, ObjectNode body) throws InterruptedException {
        Answer answer = send(body);
        if (answer == null) {
            return null;
        }
        boolean ok = answer.status() / 100 == 2;
        report.check(Rule.CS_7_1, ok, what + " was answered " + answer.status() + ": " + abbreviate(answer.body()));
        if (answer.status() / 100 == 3) {
            report.fail(Rule.CS_7_4, what + " was answered " + answer.status() + " (redirects are not followed)");
        }
        if (!ok) {
            return null;
        }
        String problem = answerProblem(answer.body());
        report.check(Rule.CS_7_4, problem == null, what + ": " + problem);
        return problem == null ? externalId(answer.body()) : null;
    }

    private static String answerProblem(String body) {
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_ANSWER) {
            return "an answer longer than 64 KiB";
        }
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            return "the answer is not JSON: " + abbreviate(body);
        }
        if (node == null || !node.isObject()) {
            return "the answer is not a JSON object: " + abbreviate(body);
        }
        JsonNode id = node.get("external_id");
        if (id == null || !id.isTextual()) {
            return "no external_id string in " + abbreviate(body) + " (receipts could not be matched)";
        }
        int length = id.textValue().codePointCount(0, id.textValue().length());
        return length >= 1 && length <= 200 ? null : "external_id of " + length + " characters (1-200)";
    }

    private static String externalId(String body) {
        try {
            return JSON.readTree(body).get("external_id").textValue();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A reply the receiver must refuse with 401 or 403, and not retryably. */
    private void refused(Rule rule, String what, ObjectNode body, String signature, String timestamp)
            throws InterruptedException {
        Answer answer = call(body, signature, timestamp);
        report.check(rule, answer.status() == 401 || answer.status() == 403, what + " was answered "
                + answer.status() + (answer.status() / 100 == 5 ? " (a 5xx makes Switchboard send it again)" : "")
                + " (expected 401 or 403)");
    }

    /** Sends as outbound-service does: temporary refusals retried with a fresh signature, at most 6 calls. */
    private Answer send(ObjectNode body) throws InterruptedException {
        Duration backoff = Duration.ofSeconds(1);
        for (int call = 1; call <= MAX_CALLS; call++) {
            String timestamp = now();
            Answer answer = call(body, sign(body, timestamp), timestamp);
            if (!temporary(answer.status())) {
                if (call > 1) {
                    report.check(Rule.CS_7_7, answer.status() / 100 == 2, "after " + (call - 1)
                            + " temporary refusals the retry was answered " + answer.status());
                }
                return answer;
            }
            Duration floor = backoff;
            Duration wait = retryAfter(answer).filter(after -> after.compareTo(floor) > 0).orElse(floor);
            Thread.sleep(Math.min(wait.toMillis(), settings.maxWait().toMillis()));
            backoff = backoff.multipliedBy(2);
        }
        report.fail(Rule.CS_7_7, "message_id " + body.get("message_id").asText() + " was refused temporarily "
                + MAX_CALLS + " times: Switchboard would give up (retries_exhausted)");
        return null;
    }

    private static boolean temporary(int status) {
        return status == 408 || status == 429 || status / 100 == 5 || status == -1;
    }

    /** Retry-After as delta-seconds or an HTTP date (RFC 9110), at most 300 s; a bad one is a CS-7.7 failure. */
    private java.util.Optional<Duration> retryAfter(Answer answer) {
        String value = answer.retryAfter();
        if (value == null) {
            return java.util.Optional.empty();
        }
        Duration after;
        try {
            after = value.trim().matches("[0-9]+") ? Duration.ofSeconds(Long.parseLong(value.trim()))
                    : Duration.between(clock.instant(), java.time.ZonedDateTime.parse(value.trim(),
                            java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (RuntimeException e) {
            report.fail(Rule.CS_7_7, "Retry-After '" + value + "' is neither seconds nor an HTTP date");
            return java.util.Optional.empty();
        }
        report.check(Rule.CS_7_7, after.getSeconds() <= 300, "Retry-After " + value
                + " is over 300 s (Switchboard waits 5 minutes at most)");
        return java.util.Optional.of(after);
    }

    private Answer call(ObjectNode body, String signature, String timestamp) throws InterruptedException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.target()).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("X-Timestamp", timestamp).header("Idempotency-Key", body.get("message_id").asText())
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
        if (signature != null) {
            request.header("X-Signature-256", signature);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), Objects.requireNonNullElse(response.body(), ""),
                    response.headers().firstValue("Retry-After").orElse(null));
        } catch (IOException e) {
            return new Answer(-1, "no answer: " + e, null);
        }
    }

    /** A reply as outbound-service's CustomSourceSender builds it. */
    private ObjectNode reply(String what) {
        ObjectNode body = JSON.createObjectNode().put("type", "message")
                .put("message_id", "sbm_kit_" + run + "_" + what).put("created_at", clock.instant().toString());
        body.putObject("conversation").put("external_id", settings.conversationId());
        body.putObject("user").put("external_id", settings.userId());
        body.putObject("agent").put("id", "agent_kit").put("display_name", "Conformance Kit");
        body.putObject("message").put("text", "Conformance kit: " + what);
        return body;
    }

    private static ObjectNode message(ObjectNode body) {
        return (ObjectNode) body.get("message");
    }

    private String sign(ObjectNode body, String timestamp) {
        return Hmac.outbound(settings.secret(), timestamp, body.toString().getBytes(StandardCharsets.UTF_8));
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
}
