package io.switchboard.routing.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.switchboard.routing.selection.Strategy;

class QueueDefinitionTest {

    private static final BusinessHours BERLIN_OFFICE = new BusinessHours("Europe/Berlin", List.of(
            new BusinessHours.Range(Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY,
                    DayOfWeek.THURSDAY, DayOfWeek.FRIDAY), LocalTime.of(9, 0), LocalTime.of(17, 0))),
            "We are back at 9:00.");

    private static QueueDefinition queue(String match, Map<String, Integer> skills, List<EscalationStep> steps) {
        return new QueueDefinition("billing", match, 5, skills, Strategy.BEST_SKILL, Duration.ofSeconds(20), false,
                null, steps);
    }

    @Test
    void aMatchRuleSeesChannelAccountLanguageAttributesTextAndPayload() {
        // Given
        MatchRule rule = queue("channel == 'whatsapp' && language.startsWith('es')"
                + " && attributes['tier'] == 'gold' && (text.contains('factura') || payload == 'BILLING')",
                Map.of(), List.of()).validate(Set.of());

        // Then
        assertThat(rule.matches(new MatchRule.Conversation("whatsapp", "1065", "es-MX", Map.of("tier", "gold"),
                "mi factura", null))).isTrue();
        assertThat(rule.matches(new MatchRule.Conversation("whatsapp", "1065", "es", Map.of("tier", "gold"),
                null, "BILLING"))).isTrue();
        assertThat(rule.matches(new MatchRule.Conversation("messenger", "1065", "es", Map.of("tier", "gold"),
                "factura", null))).isFalse();
        // A missing attribute is an evaluation error: no match rather than a failure.
        assertThat(rule.matches(new MatchRule.Conversation("whatsapp", "1065", "es", Map.of(), "factura", null)))
                .isFalse();
    }

    @Test
    void refusesRulesThatDoNotCompileOrAreNotBooleanWithCelsReason() {
        assertThatThrownBy(() -> queue("channel == ", Map.of(), List.of()).validate(Set.of()))
                .isInstanceOf(InvalidQueue.class).hasMessageStartingWith("match rule does not compile: ")
                .hasMessageContaining("mismatched input");
        assertThatThrownBy(() -> queue("channel", Map.of(), List.of()).validate(Set.of()))
                .isInstanceOf(InvalidQueue.class).hasMessageContaining("bool");
        assertThatThrownBy(() -> queue("tier == 'gold'", Map.of(), List.of()).validate(Set.of()))
                .isInstanceOf(InvalidQueue.class).hasMessageContaining("tier");
    }

    @Test
    void refusesProficienciesOutsideOneToFiveAndBadIds() {
        assertThatThrownBy(() -> queue("true", Map.of("billing", 6), List.of()).validate(Set.of()))
                .hasMessage("requiredSkills.billing must be 1 to 5, was 6");
        assertThatThrownBy(() -> new QueueDefinition("Bad Id", "true", 0, null, null, null, false, null, null)
                .validate(Set.of())).hasMessageStartingWith("id must be");
        assertThatThrownBy(() -> new QueueDefinition("q", "true", 0, null, null, Duration.ZERO, false, null, null)
                .validate(Set.of())).isInstanceOfSatisfying(InvalidQueue.class, e -> assertThat(e.violations())
                        .containsExactly("offerTimeout: must be PT5S to PT1H, was PT0S"));
    }

    @Test
    void escalationStepsAreCheckedAgainstTheSkillsRequiredAtTheirStep() {
        Duration minute = Duration.ofMinutes(1);
        EscalationStep lower = new EscalationStep(minute, "billing", 2, null, null);
        EscalationStep drop = new EscalationStep(minute, null, null, "billing", null);
        EscalationStep overflow = new EscalationStep(minute, null, null, null, "general");

        QueueDefinition ladder = queue("true", Map.of("billing", 4, "spanish", 3), List.of(lower, drop, overflow));
        ladder.validate(Set.of("general"));
        assertThat(ladder.skillsAtStep(0)).isEqualTo(Map.of("billing", 4, "spanish", 3));
        assertThat(ladder.skillsAtStep(1)).isEqualTo(Map.of("billing", 2, "spanish", 3));
        assertThat(ladder.skillsAtStep(2)).isEqualTo(Map.of("spanish", 3));
        assertThat(ladder.skillsAtStep(3)).isEqualTo(Map.of("spanish", 3));

        assertThatThrownBy(() -> queue("true", Map.of("billing", 4), List.of(drop, lower)).validate(Set.of()))
                .hasMessage("escalation step 2 lowers billing, which is not required at that step");
        assertThatThrownBy(() -> queue("true", Map.of("billing", 2), List.of(lower)).validate(Set.of()))
                .hasMessage("escalation step 1 must lower billing below 2 to at least 1");
        assertThatThrownBy(() -> queue("true", Map.of(), List.of(overflow)).validate(Set.of()))
                .hasMessage("escalation step 1 overflows to unknown queue general");
        assertThatThrownBy(() -> queue("true", Map.of(), List.of(new EscalationStep(minute, null, null, "a", "b")))
                .validate(Set.of("b"))).hasMessageContaining("exactly one of");
        assertThatThrownBy(() -> queue("true", Map.of(), List.of(new EscalationStep(null, null, null, null, "b")))
                .validate(Set.of("b"))).hasMessage("escalation step 1 needs a positive 'after'");
    }

    @Test
    void businessHoursAreJudgedInTheQueuesTimeZone() {
        // 2026-11-25 is a Wednesday; Berlin is UTC+1 in November.
        assertThat(BERLIN_OFFICE.isOpen(Instant.parse("2026-11-25T07:59:59Z"))).isFalse();
        assertThat(BERLIN_OFFICE.isOpen(Instant.parse("2026-11-25T08:00:00Z"))).isTrue();
        assertThat(BERLIN_OFFICE.isOpen(Instant.parse("2026-11-25T15:59:59Z"))).isTrue();
        assertThat(BERLIN_OFFICE.isOpen(Instant.parse("2026-11-25T16:00:00Z"))).isFalse();
        assertThat(BERLIN_OFFICE.isOpen(Instant.parse("2026-11-28T10:00:00Z"))).as("Saturday").isFalse();

        assertThatThrownBy(() -> new BusinessHours("Mars/Olympus", BERLIN_OFFICE.weekly(), "x").validate())
                .hasMessageStartingWith("businessHours.timeZone Mars/Olympus is not a time zone");
        assertThatThrownBy(() -> new BusinessHours("UTC", List.of(new BusinessHours.Range(Set.of(DayOfWeek.MONDAY),
                LocalTime.of(22, 0), LocalTime.of(2, 0))), "x").validate()).hasMessageContaining("midnight");
    }
}
