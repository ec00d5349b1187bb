package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

class QueueTimersValidationTest {

    private static QueueDefinition timed(MaxWait maxWait, Duration inactivity, Duration serviceLevel) {
        return new QueueDefinition("billing", "true", 0, null, null, null, false, null, null, maxWait, inactivity,
                serviceLevel);
    }

    @Test
    void theFileReadsTheTimersAndTheyRoundTripAsStored() throws Exception {
        // Given
        String file = """
                queues:
                  - id: billing
                    maxWait: {after: PT15M, abandonMessage: All our agents are busy.}
                    inactivityTimeout: PT30M
                    serviceLevelTarget: PT20S
                """;

        // When
        QueueDefinition billing = QueueFile.parse(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))
                .get(0);

        // Then
        assertThat(billing.maxWait()).isEqualTo(new MaxWait(Duration.ofMinutes(15), null, "All our agents are busy."));
        assertThat(billing.maxWait().overflows()).isFalse();
        assertThat(billing.inactivityTimeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(billing.serviceLevelTarget()).isEqualTo(Duration.ofSeconds(20));
        billing.validate(Set.of());
        assertThat(QueueCatalog.JSON.readValue(QueueCatalog.JSON.writeValueAsString(billing), QueueDefinition.class))
                .isEqualTo(billing);
        assertThat(billing.withId("other").maxWait()).isEqualTo(billing.maxWait());
    }

    @Test
    void refusesTimersOutOfBoundsAndOverflowsThatCannotWork() {
        Duration minute = Duration.ofMinutes(1);
        assertThatThrownBy(() -> timed(new MaxWait(null, null, null), null, null).validate(Set.of()))
                .isInstanceOf(InvalidQueue.class).hasMessage("maxWait.after must be from PT1S to PT168H, was null");
        assertThatThrownBy(() -> timed(new MaxWait(Duration.ofDays(8), null, null), null, null).validate(Set.of()))
                .hasMessage("maxWait.after must be from PT1S to PT168H, was PT192H");
        assertThatThrownBy(() -> timed(new MaxWait(minute, "billing", null), null, null).validate(Set.of("billing")))
                .hasMessage("maxWait.overflowTo names unknown queue billing");
        assertThatThrownBy(() -> timed(new MaxWait(minute, "general", "Sorry"), null, null)
                .validate(Set.of("general"))).hasMessageStartingWith("maxWait.abandonMessage needs no overflowTo");
        assertThatThrownBy(() -> timed(new MaxWait(minute, null, " "), null, null).validate(Set.of()))
                .hasMessage("maxWait.abandonMessage must be 1 to 4096 characters without NUL");
        assertThatThrownBy(() -> timed(new MaxWait(minute, null, "a\u0000b"), null, null).validate(Set.of()))
                .hasMessage("maxWait.abandonMessage must be 1 to 4096 characters without NUL");
        assertThatThrownBy(() -> timed(null, Duration.ofMillis(999), null).validate(Set.of()))
                .hasMessage("inactivityTimeout must be from PT1S to PT720H, was PT0.999S");
        assertThatThrownBy(() -> timed(null, null, Duration.ofDays(2)).validate(Set.of()))
                .hasMessage("serviceLevelTarget must be from PT1S to PT24H, was PT48H");

        // At the bounds, and a message of 4096 code points (emoji are two chars each)
        timed(new MaxWait(Duration.ofSeconds(1), "general", null), Duration.ofDays(30), Duration.ofDays(1))
                .validate(Set.of("general"));
        timed(new MaxWait(Duration.ofDays(7), null, "\uD83D\uDE00".repeat(4096)), null, Duration.ofSeconds(1))
                .validate(Set.of());
    }
}
