package io.switchboard.routing.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.switchboard.events.CandidateVerdict;
import io.switchboard.events.RoutingExplanation;

class SelectionTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
    private static final Rule BILLING = new Rule("support", 4, 0, Strategy.LONGEST_IDLE, "whatsapp",
            Map.of("billing", 3));

    private static Candidate agent(String id, String presence, int billing, int load, int capacity, Instant since) {
        return new Candidate(id, presence, true, Map.of("billing", billing), since, null, load, capacity, false);
    }

    @Test
    void ranksEligibleAgentsByLongestIdleAndExplainsEveryOneElse() {
        // Given
        List<Candidate> candidates = List.of(
                agent("a-recent", "available", 3, 0, 2, NOW.minusSeconds(60)),
                agent("b-longest", "available", 5, 1, 2, NOW.minusSeconds(252)),
                agent("c-offline", "offline", 5, 0, 2, NOW.minusSeconds(999)),
                agent("d-novice", "available", 2, 0, 2, NOW.minusSeconds(999)),
                agent("e-full", "available", 4, 3, 3, NOW.minusSeconds(999)),
                new Candidate("f-missed", "available", true, Map.of("billing", 5), NOW.minusSeconds(999), null, 0, 1,
                        true));

        // When
        Selection selection = Selection.evaluate(BILLING, candidates, NOW, 50);

        // Then
        assertThat(selection.rankedAgentIds()).containsExactly("b-longest", "a-recent");
        RoutingExplanation explanation = selection.explain("b-longest");
        assertThat(explanation.winnerAgentId()).isEqualTo("b-longest");
        assertThat(explanation.winnerReason()).isEqualTo("idle 4m12s, longest of 2 eligible");
        assertThat(explanation.requirements()).containsExactly("channel whatsapp", "skill billing >= 3");
        assertThat(explanation.ruleVersion()).isEqualTo(4L);
        assertThat(explanation.candidates()).extracting(CandidateVerdict::agentId)
                .containsExactly("b-longest", "a-recent", "c-offline", "d-novice", "e-full", "f-missed");
        assertThat(verdict(explanation, "c-offline").reasons()).containsExactly("offline");
        assertThat(verdict(explanation, "d-novice").reasons()).containsExactly("skill billing below 3");
        assertThat(verdict(explanation, "e-full").reasons()).containsExactly("at capacity 3/3 on whatsapp");
        assertThat(verdict(explanation, "f-missed").reasons()).containsExactly("already missed this conversation");
        assertThat(verdict(explanation, "b-longest").score()).isEqualTo(252.0);
    }

    @Test
    void aWinnerFurtherDownTheRankingSaysWhy() {
        // Given
        Selection selection = Selection.evaluate(BILLING, List.of(
                agent("a", "available", 3, 0, 1, NOW.minusSeconds(100)),
                agent("b", "available", 3, 0, 1, NOW.minusSeconds(50))), NOW, 50);

        // When
        RoutingExplanation explanation = selection.explain("b");

        // Then
        assertThat(explanation.winnerReason()).isEqualTo("idle 50s, rank 2 of 2 eligible (those before had no room left)");
    }

    @Test
    void cutsLongListsButKeepsTheWinner() {
        // Given
        Selection selection = Selection.evaluate(BILLING, List.of(
                agent("a", "offline", 3, 0, 1, NOW), agent("b", "offline", 3, 0, 1, NOW),
                agent("z", "available", 3, 0, 1, NOW.minusSeconds(5))), NOW, 2);

        // When
        RoutingExplanation explanation = selection.explain("z");

        // Then
        assertThat(explanation.candidates()).extracting(CandidateVerdict::agentId).containsExactly("z", "a");
        assertThat(explanation.omittedCandidates()).isEqualTo(1);
    }

    @Test
    void leastOccupiedRanksBySmallestShareOfCapacityThenLongestIdle() {
        // Given
        Rule rule = new Rule("q", 1, 0, Strategy.LEAST_OCCUPIED, "whatsapp", Map.of());
        Selection selection = Selection.evaluate(rule, List.of(
                agent("half-idle-long", "available", 3, 1, 2, NOW.minusSeconds(900)),
                agent("third", "available", 3, 1, 3, NOW.minusSeconds(10)),
                agent("empty", "available", 3, 0, 1, NOW.minusSeconds(5)),
                agent("half-idle-short", "available", 3, 2, 4, NOW.minusSeconds(60))), NOW, 50);

        // When
        RoutingExplanation explanation = selection.explain("empty");

        // Then
        assertThat(selection.rankedAgentIds()).containsExactly("empty", "third", "half-idle-long", "half-idle-short");
        assertThat(explanation.strategy()).isEqualTo("least_occupied");
        assertThat(explanation.winnerReason()).isEqualTo("occupied 0%, least occupied of 4 eligible");
    }

    @Test
    void bestSkillRanksByProficiencySummedOverTheRequiredSkills() {
        // Given
        Rule rule = new Rule("q", 1, 0, Strategy.BEST_SKILL, "whatsapp", Map.of("billing", 2, "spanish", 1));
        Selection selection = Selection.evaluate(rule, List.of(
                new Candidate("expert", "available", true, Map.of("billing", 5, "spanish", 4), NOW, null, 0, 1, false),
                new Candidate("idle-novice", "available", true, Map.of("billing", 2, "spanish", 1, "french", 5),
                        NOW.minusSeconds(9999), null, 0, 1, false),
                new Candidate("good", "available", true, Map.of("billing", 4, "spanish", 3), NOW, null, 0, 1,
                        false)), NOW, 50);

        // When
        RoutingExplanation explanation = selection.explain("expert");

        // Then
        assertThat(selection.rankedAgentIds()).containsExactly("expert", "good", "idle-novice");
        assertThat(explanation.winnerReason()).isEqualTo("skill score 9, best skilled of 3 eligible");
        assertThat(verdict(explanation, "good").score()).isEqualTo(7.0);
    }

    private static CandidateVerdict verdict(RoutingExplanation explanation, String agentId) {
        return explanation.candidates().stream().filter(c -> c.agentId().equals(agentId)).findFirst().orElseThrow();
    }
}
