package io.switchboard.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConversationRefTest {

    @Test
    void isTheShellRecipeAndHidesThePhoneNumber() {
        // printf %s 'wa:106540352242922:16505551234' | sha256sum | cut -c1-16
        String ref = ConversationRef.of("wa:106540352242922:16505551234");

        assertThat(ref).isEqualTo(EXPECTED).hasSize(16).doesNotContain("16505551234");
        assertThat(ConversationRef.of("wa:106540352242922:16505551235")).isNotEqualTo(ref);
        assertThat(ConversationRef.of(null)).isNull();
    }

    private static final String EXPECTED = "226f5e8f06572628";
}
