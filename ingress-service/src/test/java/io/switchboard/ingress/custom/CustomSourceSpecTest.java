package io.switchboard.ingress.custom;

import static io.switchboard.ingress.custom.CustomSourceSchemaTest.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

import io.switchboard.ingress.webhook.Signatures;

/** docs/custom-source.md is what third parties implement from: its examples must pass the schema and its signatures. */
class CustomSourceSpecTest {

    private static final Path SPEC =
            Path.of(System.getProperty("basedir", ".")).resolve("../docs/custom-source.md").normalize();
    private static final String SECRET = "sk_test_5f2b9c1e";

    private final CustomSourceSchema schema = new CustomSourceSchema();

    @Test
    void theWorkedExampleIsValidAndCorrectlySigned() throws Exception {
        String spec = Files.readString(SPEC);
        String body = blockAfter(spec, "The body is these exact 301 bytes");

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(301);
        assertThat(schema.violations(json(body))).isEmpty();
        // §2.3: timestamp, Idempotency-Key and body, each joined by a dot.
        String signature = "sha256=" + hmac("1789200000.evt_01J8ZK3Q5M." + body);
        assertThat(signature).isEqualTo("sha256=4c7834bd08b6c8d8f99cfbad029d915386883b7987ebcf8c4d0d7a6a2c5bb87d");
        assertThat(spec).contains("X-Signature-256: " + signature).contains("Content-Length: 301")
                .contains("Idempotency-Key: evt_01J8ZK3Q5M")
                .contains("| `X-Signature-256` | `" + signature + "` |");
        // The service checks exactly this.
        assertThat(Signatures.matches(signature, SECRET,
                CustomSourceResource.signedPrefix("1789200000", "evt_01J8ZK3Q5M"),
                body.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Signatures.matches(signature, SECRET, CustomSourceResource.signedPrefix("1789200000", "other"),
                body.getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void theOutboundTestVectorIsCorrectlySigned() throws Exception {
        String spec = Files.readString(SPEC);
        String body = blockAfter(spec, "the body above as these exact 309 bytes");

        assertThat(body.getBytes(StandardCharsets.UTF_8)).hasSize(309);
        assertThat(json(body).path("message").path("text").asText()).startsWith("It ships tomorrow");
        assertThat(spec).contains("X-Signature-256: sha256=" + hmac("1789200070." + body));
    }

    @Test
    void everyExampleEventIsValid() throws IOException {
        String spec = Files.readString(SPEC);
        String examples = spec.substring(spec.indexOf("### 3.6 Examples"), spec.indexOf("## 4. Responses"));

        List<String> blocks = jsonBlocks(examples);

        assertThat(blocks).hasSize(2);
        blocks.forEach(block -> assertThat(schema.violations(json(block))).as(block).isEmpty());
    }

    /** The first fenced block after the marker, without its fences. */
    private static String blockAfter(String text, String marker) {
        int start = text.indexOf("```\n", text.indexOf(marker)) + "```\n".length();
        return text.substring(start, text.indexOf("\n```", start));
    }

    private static List<String> jsonBlocks(String text) {
        List<String> blocks = new ArrayList<>();
        int from = 0;
        while ((from = text.indexOf("```json\n", from)) >= 0) {
            int start = from + "```json\n".length();
            int end = text.indexOf("\n```", start);
            blocks.add(text.substring(start, end));
            from = end + 4;
        }
        return blocks;
    }

    private static String hmac(String signed) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
    }
}
