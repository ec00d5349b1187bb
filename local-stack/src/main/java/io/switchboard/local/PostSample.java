package io.switchboard.local;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts one sample webhook, signed as the channel would sign it, to the running ingress-service and prints the answer.
 * Usage: {@code PostSample <file> [meta | custom:<source>]}. The file is a path, or the name of a sample in the
 * checkout: the Meta payloads ingress-service's tests use ({@code ingress-service/src/test/resources/channels/meta})
 * or {@code local-stack/samples}. Meta is chosen for Meta payloads, else the {@code demo} custom source.
 *
 * <p>Self-contained (JDK only) on purpose: {@code java local-stack/src/main/java/io/switchboard/local/PostSample.java
 * wa_01_text.json} runs it without Maven.
 */
public final class PostSample {

    private static final Pattern META_OBJECT =
            Pattern.compile("\"object\"\\s*:\\s*\"(whatsapp_business_account|page|instagram)\"");
    private static final Pattern EVENT_ID = Pattern.compile("\"event_id\"\\s*:\\s*\"([^\"]+)\"");

    private PostSample() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].isBlank()) {
            System.out.println("usage: PostSample <file or vector name> [meta | custom:<source>]");
            System.exit(2);
        }
        Path file;
        try {
            file = resolve(args[0]);
        } catch (IOException e) {
            System.out.println(e.getMessage());
            System.exit(2);
            return;
        }
        byte[] body = Files.readAllBytes(file);
        String target = args.length > 1 ? args[1]
                : META_OBJECT.matcher(new String(body, StandardCharsets.UTF_8)).find() ? "meta" : "custom:demo";
        String base = setting("switchboard.local.ingress-url",
                "http://localhost:" + setting("switchboard.local.ingress-port", "8080"));

        HttpRequest.Builder request = HttpRequest.newBuilder().timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if ("meta".equals(target)) {
            // Secrets are read from the same variables ingress-service reads, with the local stack's defaults.
            String secret = setting("switchboard.ingress.meta.app-secret", "test_app_secret");
            request.uri(URI.create(base + "/webhooks/meta"))
                    .header("X-Hub-Signature-256", "sha256=" + hmac(secret, body));
        } else if (target.startsWith("custom:")) {
            String source = target.substring("custom:".length());
            String secret = setting("switchboard.ingress.custom.sources." + source + ".secret", "demo-secret");
            String timestamp = Long.toString(Instant.now().getEpochSecond());
            Matcher eventId = EVENT_ID.matcher(new String(body, StandardCharsets.UTF_8));
            String key = eventId.find() ? eventId.group(1) : UUID.randomUUID().toString();
            // docs/custom-source.md §2.3: the signature covers timestamp, Idempotency-Key and body.
            request.uri(URI.create(base + "/webhooks/custom/" + source))
                    .header("X-Timestamp", timestamp)
                    .header("X-Signature-256", "sha256=" + hmac(secret,
                            (timestamp + "." + key + ".").getBytes(StandardCharsets.UTF_8), body))
                    .header("Idempotency-Key", key);
        } else {
            System.out.println("unknown target '" + target + "': use meta or custom:<source>");
            System.exit(2);
            return;
        }

        HttpRequest built = request.build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(built,
                    HttpResponse.BodyHandlers.ofString());
            String answer = response.body().replaceAll("\\s+", " ").trim();
            System.out.println("POST " + built.uri() + " " + file.getFileName() + " (" + body.length + " bytes) -> "
                    + response.statusCode() + (answer.isEmpty() ? "" : " " + answer));
            System.exit(response.statusCode() < 300 ? 0 : 1);
        } catch (ConnectException e) {
            System.out.println("nothing answers at " + base + ": start the stack first (./mvnw -Prun package)");
            System.exit(1);
        }
    }

    /** Where a sample name is looked up, relative to the checkout, in this order. */
    static final List<String> SAMPLE_DIRECTORIES =
            List.of("ingress-service/src/test/resources/channels/meta", "local-stack/samples");

    /** A path as given, else a sample's name in one of {@link #SAMPLE_DIRECTORIES} of the checkout. */
    static Path resolve(String name) throws IOException {
        Path given = Path.of(name);
        if (Files.isRegularFile(given)) {
            return given;
        }
        Path checkout = checkout();
        for (String dir : SAMPLE_DIRECTORIES) {
            Path candidate = checkout.resolve(dir).resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IOException("no file " + name + " here or in " + String.join(", ", SAMPLE_DIRECTORIES)
                + " of the checkout " + checkout);
    }

    private static Path checkout() {
        String configured = System.getProperty("switchboard.checkout");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("local-stack").resolve("pom.xml"))) {
                return dir;
            }
        }
        return Path.of("").toAbsolutePath();
    }

    /** The same lookup as LocalStack.setting: a system property, else its environment variable. */
    private static String setting(String key, String fallback) {
        String value = System.getProperty(key);
        if (value == null || value.isBlank()) {
            value = System.getenv(key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
        }
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private static String hmac(String secret, byte[]... parts) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        for (byte[] part : parts) {
            mac.update(part);
        }
        return HexFormat.of().formatHex(mac.doFinal());
    }
}
