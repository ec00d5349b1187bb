package io.switchboard.conformance;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The kit playing a custom source ({@code -Dingress}): requests to an ingress endpoint
 * ({@code https://host/webhooks/custom/<sourceId>}), well-formed and deliberately broken, and its answers checked
 * against §4's table. Points at Switchboard's own ingress as readily as at anything that claims to speak for it (a
 * proxy, a gateway, another implementation). Every id is new per run, so a run stores one message, one batch.
 */
public final class IngressProbe {

    public static final EnumSet<Rule> SCOPE = EnumSet.of(Rule.CS_2_2, Rule.CS_2_3, Rule.CS_2_4, Rule.CS_2_5,
            Rule.CS_2_6, Rule.CS_2_7, Rule.CS_2_8, Rule.CS_3_1, Rule.CS_4_1, Rule.CS_5_1);

    private static final ObjectMapper JSON = new ObjectMapper();

    public record Settings(URI endpoint, String secret) {
    }

    private record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.missingNode();
            }
        }
    }

    private final Settings settings;
    private final String sourceId;
    private final Report report = new Report(SCOPE);
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private final Clock clock = Clock.systemUTC();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    public IngressProbe(Settings settings) {
        this.settings = settings;
        String path = settings.endpoint().getPath();
        this.sourceId = path.substring(path.lastIndexOf('/') + 1);
    }

    public Report run() throws InterruptedException {
        String key = "kit_" + run + "_1";
        byte[] message = event("1", "\"text\":\"Where is my order?\"").getBytes(StandardCharsets.UTF_8);
        accepted(Rule.CS_2_3, "a well-signed message", key, message, 1);
        accepted(Rule.CS_5_1, "the same request again, re-signed", key, message, 1);
        refused(Rule.CS_5_1, "the same Idempotency-Key with another body", key,
                event("2", "\"text\":\"another body\"").getBytes(StandardCharsets.UTF_8), 409, "idempotency_key_reused");
        String batch = "{\"events\":[" + event("3", "\"text\":\"one\"") + "," + event("4", "\"text\":\"two\"") + "]}";
        accepted(Rule.CS_3_1, "a batch of two events", "kit_" + run + "_batch", batch.getBytes(StandardCharsets.UTF_8),
                2);

        byte[] fresh = event("5", "\"text\":\"x\"").getBytes(StandardCharsets.UTF_8);
        String old = String.valueOf(clock.instant().getEpochSecond() - 600);
        expect(Rule.CS_2_2, "a request signed 600 s ago", post(key("5"), fresh, old,
                Hmac.inbound(settings.secret(), old, key("5"), fresh)), 401, null);
        String now = now();
        expect(Rule.CS_2_3, "a request signed with another secret", post(key("5"), fresh, now,
                Hmac.inbound(settings.secret() + "x", now, key("5"), fresh)), 403, "invalid_signature");
        expect(Rule.CS_2_3, "a request signed without its Idempotency-Key", post(key("5"), fresh, now,
                Hmac.outbound(settings.secret(), now, fresh)), 403, "invalid_signature");
        expect(Rule.CS_2_3, "a request without X-Signature-256", post(key("5"), fresh, now, null), 401,
                "missing_signature");
        expect(Rule.CS_2_4, "a request without Idempotency-Key", post(null, fresh, now,
                Hmac.inbound(settings.secret(), now, "", fresh)), 400, null);
        refused(Rule.CS_2_4, "an Idempotency-Key with a space", "kit " + run, fresh, 400, null);
        byte[] large = new byte[BodyRules.MAX_BYTES + 1];
        Arrays.fill(large, (byte) ' ');
        refused(Rule.CS_2_5, "a body of 1 MiB + 1 byte", key("6"), large, 413, "payload_too_large");
        refused(Rule.CS_2_6, "a key twice in one object", key("7"), ("{\"event_id\":\"a\",\"event_id\":\"b\"}")
                .getBytes(StandardCharsets.UTF_8), 400, "malformed_json");
        refused(Rule.CS_2_6, "content after the JSON value", key("8"), (event("8", "\"text\":\"x\"") + "{}")
                .getBytes(StandardCharsets.UTF_8), 400, "malformed_json");
        refused(Rule.CS_2_6, "nesting 17 deep", key("9"), ("[".repeat(17) + "]".repeat(17))
                .getBytes(StandardCharsets.UTF_8), 400, "malformed_json");
        refused(Rule.CS_2_7, "a control character in an event_id", key("10"), event("10\\u0007", "\"text\":\"x\"")
                .getBytes(StandardCharsets.UTF_8), 400, "input_out_of_bounds");
        refused(Rule.CS_2_7, "an unpaired surrogate in a text", key("11"), event("11", "\"text\":\"a\\ud800\"")
                .getBytes(StandardCharsets.UTF_8), 400, "input_out_of_bounds");
        // 128 emoji: 128 characters, within the schema's 200, but 256 UTF-16 code units, so the key overflows 255
        // whatever the source id (200 ASCII characters would only with a source id of 48 or more).
        String longConversation = event("12", "\"text\":\"x\"").replace("conv_kit", "\uD83D\uDE00".repeat(128));
        refused(Rule.CS_2_8, "a conversation id making a key over 255", key("12"), longConversation
                .getBytes(StandardCharsets.UTF_8), 400, "input_out_of_bounds");
        refused(Rule.CS_3_1, "an unknown property (ocurred_at)", key("13"), event("13", "\"text\":\"x\"")
                .replace("\"occurred_at\"", "\"ocurred_at\"").getBytes(StandardCharsets.UTF_8), 400,
                "validation_failed");
        refused(Rule.CS_3_1, "a message without text, media or payload", key("14"), event("14", "\"reply_to\":\"m\"")
                .getBytes(StandardCharsets.UTF_8), 400, "validation_failed");
        return report;
    }

    private String key(String n) {
        return "kit_" + run + "_" + n;
    }

    private void accepted(Rule rule, String what, String key, byte[] body, int events) throws InterruptedException {
        String now = now();
        Answer answer = post(key, body, now, Hmac.inbound(settings.secret(), now, key, body));
        report.check(rule, answer.status() == 202, what + " was answered " + answer.status() + " " + answer.body());
        if (answer.status() == 202) {
            JsonNode json = answer.json();
            report.check(Rule.CS_4_1, json.path("accepted").asInt(-1) == events
                    && key.equals(json.path("idempotencyKey").asText()), what + ": the 202 body " + answer.body()
                    + " is not {\"accepted\": " + events + ", \"idempotencyKey\": \"" + key + "\"}");
        }
    }

    private void refused(Rule rule, String what, String key, byte[] body, int status, String code)
            throws InterruptedException {
        String now = now();
        expect(rule, what, post(key, body, now, Hmac.inbound(settings.secret(), now, key, body)), status, code);
    }

    private void expect(Rule rule, String what, Answer answer, int status, String code) {
        report.check(rule, answer.status() == status, what + " was answered " + answer.status() + " (expected "
                + status + ")");
        if (answer.status() == status && status != 413) {
            JsonNode json = answer.json();
            boolean body = json.path("error").isTextual() && json.path("message").isTextual()
                    && (code == null || code.equals(json.path("error").asText()));
            report.check(Rule.CS_4_1, body, what + ": the refusal's body " + answer.body() + " is not {\"error\": \""
                    + (code == null ? "..." : code) + "\", \"message\": ...}");
        }
    }

    private String event(String id, String content) {
        return "{\"event_id\":\"kit_" + run + "_evt_" + id + "\",\"type\":\"message\",\"occurred_at\":\""
                + clock.instant() + "\",\"conversation\":{\"external_id\":\"conv_kit\"},\"user\":{\"external_id\":"
                + "\"cust_kit\"},\"message\":{\"external_id\":\"msg_kit_" + run + "_" + id.replace("\\", "") + "\","
                + content + "}}";
    }

    private Answer post(String key, byte[] body, String timestamp, String signature) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.endpoint()).timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json").header("X-Timestamp", timestamp)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        if (signature != null) {
            request.header("X-Signature-256", signature);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body() == null ? "" : response.body());
        } catch (IOException e) {
            return new Answer(-1, "no answer: " + e);
        }
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }
}
