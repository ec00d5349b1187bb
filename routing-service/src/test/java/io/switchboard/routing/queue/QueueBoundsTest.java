package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/** Every bound of a queue definition is refused together, naming the field; the limits themselves pass. */
class QueueBoundsTest {

    private static BusinessHours hours(String zone, int ranges, String reply) {
        BusinessHours.Range range = new BusinessHours.Range(EnumSet.of(DayOfWeek.MONDAY), LocalTime.of(9, 0),
                LocalTime.of(17, 0));
        return new BusinessHours(zone, Collections.nCopies(ranges, range), reply);
    }

    private static Map<String, Integer> skills(int count, int nameLength) {
        return IntStream.range(0, count).boxed().collect(Collectors.toMap(
                i -> String.format("%0" + nameLength + "d", i), i -> 1));
    }

    private static List<EscalationStep> steps(int count, Duration after) {
        return Collections.nCopies(count, new EscalationStep(after, null, null, null, "general"));
    }

    @Test
    void everyBrokenBoundIsNamedInOneRefusal() {
        QueueDefinition queue = new QueueDefinition("q", "true || " + "x".repeat(4096), 1001, skills(21, 101),
                null, Duration.ofDays(365_000), false, hours("Europe/" + "x".repeat(60), 51, "y".repeat(4097)),
                steps(11, Duration.ofDays(8)));

        assertThatThrownBy(() -> queue.validate(Set.of("general")))
                .isInstanceOfSatisfying(InvalidQueue.class, e -> assertThat(e.violations())
                        .contains("priority: must be -1000 to 1000, was 1001",
                                "requiredSkills: at most 20, was 21",
                                "offerTimeout: must be PT5S to PT1H, was PT8760000H",
                                "escalation: at most 10 steps, was 11",
                                "escalation[0].after: must be PT1S to PT168H, was PT192H",
                                "businessHours.weekly: at most 50 ranges, was 51",
                                "match: longer than 4096 characters (4104)",
                                "businessHours.timeZone: longer than 64 characters (67)",
                                "businessHours.outOfHoursReply: longer than 4096 characters (4097)")
                        .anyMatch(v -> v.startsWith("requiredSkills.") && v.contains("longer than 100")));
        assertThatThrownBy(() -> new QueueDefinition("q", "true", -1001, null, null, Duration.ofSeconds(4), false,
                hours("UTC", 1, "closed\u0000"), List.of(new EscalationStep(Duration.ofMillis(500), null, null, null,
                        "general"))).validate(Set.of("general")))
                .isInstanceOfSatisfying(InvalidQueue.class, e -> assertThat(e.violations()).containsExactlyInAnyOrder(
                        "priority: must be -1000 to 1000, was -1001",
                        "offerTimeout: must be PT5S to PT1H, was PT4S",
                        "escalation[0].after: must be PT1S to PT168H, was PT0.5S",
                        "businessHours.outOfHoursReply: contains a NUL character"));
    }

    @Test
    void aVersionClampedIntoItsBoundsKeepsItsTimers() {
        MaxWait maxWait = new MaxWait(Duration.ofMinutes(10), null, "We will write back soon.");
        QueueDefinition stored = new QueueDefinition("q", "true", QueueBounds.MAX_PRIORITY + 1, null, null, null, false,
                null, null, maxWait, Duration.ofHours(2), Duration.ofSeconds(60));

        QueueDefinition used = QueueBounds.clamped(stored);

        assertThat(used.priority()).isEqualTo(QueueBounds.MAX_PRIORITY);
        assertThat(used.maxWait()).isEqualTo(maxWait);
        assertThat(used.inactivityTimeout()).isEqualTo(Duration.ofHours(2));
        assertThat(used.serviceLevelTarget()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void theLimitsThemselvesAreAllowed() {
        QueueDefinition queue = new QueueDefinition("q", "true || text == '" + "x".repeat(4096 - 18) + "'",
                QueueBounds.MAX_PRIORITY, skills(20, 100), null, QueueBounds.MAX_OFFER_TIMEOUT, false,
                hours("UTC", 50, "y".repeat(4096)), steps(10, QueueBounds.MAX_ESCALATION_WAIT));

        assertThat(queue.match()).hasSize(QueueBounds.MAX_MATCH_LENGTH);
        assertThat(QueueBounds.violations(queue)).isEmpty();
        queue.validate(Set.of("general"));
    }

    @Test
    void callbacksTakeOnlyTheirThreeValuesAndAClampedVersionTurnsThemOff() {
        QueueDefinition bad = new QueueDefinition("q", null, 0, null, null, null, false, null, null, null, null, null,
                "sometimes");
        assertThat(QueueBounds.violations(bad)).containsExactly(
                "callbacks: must be one of off, missed, all, was 'sometimes'");
        assertThat(QueueBounds.clamped(bad).callbacks()).isEqualTo("off");
        for (String value : QueueBounds.CALLBACKS) {
            assertThat(QueueBounds.violations(new QueueDefinition("q", null, 0, null, null, null, false, null, null,
                    null, null, null, value))).isEmpty();
        }
        assertThat(new QueueDefinition("q", null, 0, null, null, null, false, null, null).callbacks())
                .isEqualTo("off");
    }
}
