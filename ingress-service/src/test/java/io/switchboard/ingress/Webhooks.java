package io.switchboard.ingress;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.restassured.response.Response;
import io.switchboard.ingress.webhook.Signatures;

/** Builds, signs and posts webhooks the way the channels do. */
public final class Webhooks {

    public static final String APP_SECRET = "test_app_secret";
    public static final String PHONE_NUMBER_ID = "106540352242922";
    public static final String CUSTOM_SOURCE = "acme";
    public static final String CUSTOM_SECRET = "acme-secret";

    private Webhooks() {
    }

    /** The shared sample vectors: bodies as Meta sends them. */
    public static Path vectors() {
        String dir = System.getProperty("switchboard.vectors");
        Path path = dir != null ? Path.of(dir) : Path.of("../../shared/channels/vectors");
        return Files.isDirectory(path) ? path : Path.of("/work/shared/channels/vectors");
    }

    public static byte[] vector(String file) {
        try {
            return Files.readAllBytes(vectors().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code X-Hub-Signature-256} headers published beside the vectors, by file name. */
    public static Map<String, String> publishedSignatures() {
        Map<String, String> signatures = new LinkedHashMap<>();
        Pattern row = Pattern.compile("^\\| (\\S+\\.json) \\| `X-Hub-Signature-256: (sha256=[0-9a-f]{64})`");
        try {
            for (String line : Files.readAllLines(vectors().resolve("SIGNATURES.md"))) {
                Matcher matcher = row.matcher(line);
                if (matcher.find()) {
                    signatures.put(matcher.group(1), matcher.group(2));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return signatures;
    }

    public static String sign(byte[] body) {
        return Signatures.PREFIX + Signatures.hmacSha256Hex(APP_SECRET, body);
    }

    public static String uniqueWamid() {
        return "wamid.TEST" + UUID.randomUUID().toString().replace("-", "");
    }

    /** A one-message WhatsApp text webhook from {@code waId}. */
    public static byte[] whatsappText(String wamid, String waId, String text) {
        return ("{\"object\":\"whatsapp_business_account\",\"entry\":[{\"id\":\"102290129340398\",\"changes\":[{\"value\":"
                + "{\"messaging_product\":\"whatsapp\",\"metadata\":{\"display_phone_number\":\"15550783881\","
                + "\"phone_number_id\":\"" + PHONE_NUMBER_ID + "\"},\"contacts\":[{\"profile\":{\"name\":\"Test\"},"
                + "\"wa_id\":\"" + waId + "\"}],\"messages\":[{\"from\":\"" + waId + "\",\"id\":\"" + wamid
                + "\",\"timestamp\":\"1749416383\",\"type\":\"text\",\"text\":{\"body\":\"" + text + "\"}}]},"
                + "\"field\":\"messages\"}]}]}").getBytes(StandardCharsets.UTF_8);
    }

    public static Response postMeta(String path, byte[] body, String signature) {
        var request = given().contentType("application/json").body(body);
        if (signature != null) {
            request = request.header("X-Hub-Signature-256", signature);
        }
        return request.post(path);
    }

    public static Response postMeta(byte[] body) {
        return postMeta("/webhooks/meta", body, sign(body));
    }

    /** Posts a custom source body signed as of now. */
    public static Response postCustom(String body, String idempotencyKey) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return postCustom(body, idempotencyKey, timestamp, signCustom(timestamp, body));
    }

    public static Response postCustom(String body, String idempotencyKey, String timestamp, String signature) {
        var request = given().contentType("application/json").body(body.getBytes(StandardCharsets.UTF_8));
        if (timestamp != null) {
            request = request.header("X-Timestamp", timestamp);
        }
        if (signature != null) {
            request = request.header("X-Signature-256", signature);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/webhooks/custom/" + CUSTOM_SOURCE);
    }

    public static String signCustom(String timestamp, String body) {
        return Signatures.PREFIX + Signatures.hmacSha256Hex(CUSTOM_SECRET,
                (timestamp + ".").getBytes(StandardCharsets.UTF_8), body.getBytes(StandardCharsets.UTF_8));
    }
}
