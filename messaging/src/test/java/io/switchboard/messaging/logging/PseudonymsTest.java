package io.switchboard.messaging.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class PseudonymsTest {

    @Test
    void aServiceWithoutASecretOrWithAShortOneDoesNotStart() {
        assertThatThrownBy(() -> Pseudonyms.checked(Optional.empty())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SWITCHBOARD_PRIVACY_PSEUDONYM_KEY");
        assertThatThrownBy(() -> Pseudonyms.checked(Optional.of("too-short"))).hasMessageContaining("at least 32");
        assertThat(Pseudonyms.checked(Optional.of("a-pseudonym-secret-of-32-bytes!!"))).hasSize(32);
    }
}
