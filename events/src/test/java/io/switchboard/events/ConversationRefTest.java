package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ConversationRefTest {

    private static final byte[] SECRET = "a-pseudonym-secret-of-32-bytes!!".getBytes(StandardCharsets.UTF_8);

    @Test
    void isTheShellRecipeAndHidesThePhoneNumber() {
        // printf %s 'wa:106540352242922:16505551234' | openssl dgst -sha256 -hmac 'a-pseudonym-secret-of-32-bytes!!'
        String ref = ConversationRef.of("wa:106540352242922:16505551234", SECRET);

        assertThat(ref).isEqualTo("6340299be7abaebd").hasSize(16).doesNotContain("16505551234");
        assertThat(ConversationRef.of("wa:106540352242922:16505551235", SECRET)).isNotEqualTo(ref);
        assertThat(ConversationRef.of(null, SECRET)).isNull();
    }

    @Test
    void cannotBeReversedWithoutTheSecret() {
        // The unkeyed SHA-256 of the key (what anyone can compute from a phone number) is not the reference, and
        // another secret gives another reference.
        String ref = ConversationRef.of("wa:106540352242922:16505551234", SECRET);

        assertThat(ref).isNotEqualTo("226f5e8f06572628");
        assertThat(ConversationRef.of("wa:106540352242922:16505551234",
                "another-secret-of-32-bytes-also!".getBytes(StandardCharsets.UTF_8))).isEqualTo("d89de38b7c0c7539");
    }
}
