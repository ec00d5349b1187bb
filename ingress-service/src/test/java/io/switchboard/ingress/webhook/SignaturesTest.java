package io.switchboard.ingress.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import io.switchboard.ingress.Webhooks;

/**
 * Known answers of the {@code X-Hub-Signature-256} scheme (docs/channels.md §1.2). The other tests sign the sample
 * payloads with the same code that checks them, so a broken HMAC would pass there; the digests written here would not.
 */
class SignaturesTest {

    @Test
    void hmacSha256OfAPublishedPairIsItsKnownDigest() {
        assertThat(Signatures.hmacSha256Hex("secret", "test".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("0329a06b62cd16b33eb6792be8c60b158d89a2ee3a876fce9a881ebb488c0914");
    }

    @Test
    void samplePayloadsSignedWithTheTestAppSecretGiveTheirKnownHeaders() {
        assertThat(Webhooks.sign(Webhooks.vector("wa_01_text.json")))
                .isEqualTo("sha256=ded1d1d9621cffa39832ccf2b330fa476b4dc8ec2a5d102e1e554312b3f21d42");
        assertThat(Webhooks.sign(Webhooks.vector("wa_33_status_failed_131047.json")))
                .isEqualTo("sha256=d2e5086f2d4f97d75749aa0b5538530355ef43fef6dc76629159fa1c4f55c854");
        assertThat(Webhooks.sign(Webhooks.vector("fb_01_text_quick_reply.json")))
                .isEqualTo("sha256=07384875240dca72fcac39d2d9f279b4b02842c597a09acd42d411ec8ddcc2a8");
        assertThat(Webhooks.sign(Webhooks.vector("ig_01_text.json")))
                .isEqualTo("sha256=de1c768ea0d00d0455d2d6ce7f15817ffa687a674fb36708dae3b98ef8a814cd");
    }

    @Test
    void aKnownHeaderMatchesItsBodyAndNoOther() {
        byte[] body = Webhooks.vector("wa_01_text.json");
        String header = "sha256=ded1d1d9621cffa39832ccf2b330fa476b4dc8ec2a5d102e1e554312b3f21d42";

        assertThat(Signatures.matches(header, "test_app_secret", body)).isTrue();
        assertThat(Signatures.matches(header.toUpperCase(), "test_app_secret", body)).isTrue();
        assertThat(Signatures.matches(header, "another_secret", body)).isFalse();

        byte[] tampered = Arrays.copyOf(body, body.length);
        tampered[tampered.length - 3] ^= 1;
        assertThat(Signatures.matches(header, "test_app_secret", tampered)).isFalse();
        assertThat(Signatures.matches(header.substring("sha256=".length()), "test_app_secret", body)).isFalse();
        assertThat(Signatures.matches(null, "test_app_secret", body)).isFalse();
    }
}
