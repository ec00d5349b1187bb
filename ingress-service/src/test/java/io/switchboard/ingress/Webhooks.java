package io.switchboard.ingress;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

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

    /**
     * The Meta sample payloads ({@code wa_*}, {@code fb_*}, {@code ig_*}), test resources under
     * {@code channels/meta/}: the exact bytes a channel sends, signed by {@link #sign} with {@link #APP_SECRET}.
     */
    public static Path vectors() {
        URL dir = Webhooks.class.getResource("/channels/meta");
        if (dir == null) {
            throw new IllegalStateException("no channels/meta on the test classpath");
        }
        try {
            return Path.of(dir.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static byte[] vector(String file) {
        try {
            return Files.readAllBytes(vectors().resolve(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The names of the sample payloads, sorted. */
    public static List<String> vectorNames() {
        try (Stream<Path> files = Files.list(vectors())) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
        return postCustom(body, idempotencyKey, timestamp, signCustom(timestamp, idempotencyKey, body));
    }

    public static Response postCustom(String body, String idempotencyKey, String timestamp, String signature) {
        return postCustomTo(CUSTOM_SOURCE, body.getBytes(StandardCharsets.UTF_8), idempotencyKey, timestamp,
                signature);
    }

    /** Posts a body, signed as of now with {@code secret}, to another source. */
    public static Response postCustomTo(String source, String secret, byte[] body, String idempotencyKey) {
        String timestamp = Long.toString(System.currentTimeMillis() / 1000);
        return postCustomTo(source, body, idempotencyKey, timestamp, signCustom(secret, timestamp, idempotencyKey,
                body));
    }

    public static Response postCustomTo(String source, byte[] body, String idempotencyKey, String timestamp,
            String signature) {
        var request = given().contentType("application/json").body(body);
        if (timestamp != null) {
            request = request.header("X-Timestamp", timestamp);
        }
        if (signature != null) {
            request = request.header("X-Signature-256", signature);
        }
        if (idempotencyKey != null) {
            request = request.header("Idempotency-Key", idempotencyKey);
        }
        return request.post("/webhooks/custom/" + source);
    }

    /** docs/custom-source.md §2.3: HMAC-SHA256 over {@code timestamp + "." + idempotency key + "." + body}. */
    public static String signCustom(String timestamp, String idempotencyKey, String body) {
        return signCustom(CUSTOM_SECRET, timestamp, idempotencyKey, body.getBytes(StandardCharsets.UTF_8));
    }

    public static String signCustom(String secret, String timestamp, String idempotencyKey, byte[] body) {
        return Signatures.PREFIX + Signatures.hmacSha256Hex(secret,
                (timestamp + "." + idempotencyKey + ".").getBytes(StandardCharsets.UTF_8), body);
    }
}
