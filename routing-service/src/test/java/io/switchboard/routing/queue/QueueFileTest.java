package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.routing.selection.Strategy;

class QueueFileTest {

    private static final String FILE = """
            queues:
              - id: billing
                match: "channel == 'whatsapp' && text.contains('invoice')"
                priority: 5
                requiredSkills: {billing: 3}
                strategy: BEST_SKILL
                offerTimeout: PT20S
                directAssignment: true
                businessHours:
                  timeZone: Europe/Berlin
                  weekly:
                    - {days: [MONDAY, FRIDAY], from: "09:00", to: "17:00"}
                  outOfHoursReply: We answer from 9 to 5.
                escalation:
                  - {after: PT2M, lowerSkill: billing, minProficiency: 2}
                  - {after: PT5M, overflowTo: default}
              - id: default
            """;

    @Test
    void readsEveryFieldAndDefaultsTheRest() throws Exception {
        // When
        List<QueueDefinition> queues = QueueFile.parse(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)));

        // Then
        QueueDefinition billing = queues.get(0);
        assertThat(billing.priority()).isEqualTo(5);
        assertThat(billing.requiredSkills()).isEqualTo(Map.of("billing", 3));
        assertThat(billing.strategy()).isEqualTo(Strategy.BEST_SKILL);
        assertThat(billing.offerTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(billing.directAssignment()).isTrue();
        assertThat(billing.businessHours().weekly()).containsExactly(new BusinessHours.Range(
                Set.of(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0)));
        assertThat(billing.escalation()).containsExactly(new EscalationStep(Duration.ofMinutes(2), "billing", 2,
                null, null), new EscalationStep(Duration.ofMinutes(5), null, null, null, "default"));
        billing.validate(Set.of("default"));
        assertThat(queues.get(1)).isEqualTo(new QueueDefinition("default", "true", 0, Map.of(), Strategy.LONGEST_IDLE,
                Duration.ofSeconds(30), false, null, List.of()));
    }

    @Test
    void aDefinitionIsStoredAndReadBackUnchanged() throws Exception {
        // Given
        QueueDefinition billing = QueueFile.parse(new ByteArrayInputStream(FILE.getBytes(StandardCharsets.UTF_8)))
                .get(0);

        // When
        String stored = QueueCatalog.JSON.writeValueAsString(billing);

        // Then
        assertThat(QueueCatalog.JSON.readValue(stored, QueueDefinition.class)).isEqualTo(billing);
    }
}
