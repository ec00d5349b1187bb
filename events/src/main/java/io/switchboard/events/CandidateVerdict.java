package io.switchboard.events;

import java.util.List;

/**
 * What routing concluded about one agent for one decision.
 *
 * @param eligible whether the agent passed every filter of the rule
 * @param reasons  for an ineligible agent, every filter it failed ({@code offline}, {@code skill billing below 3},
 *                 {@code at capacity 3/3 on whatsapp}); for an eligible one, what made up its score
 * @param score    the ranking score of an eligible agent under the rule's strategy (higher wins); absent when
 *                 ineligible
 */
public record CandidateVerdict(String agentId, boolean eligible, List<String> reasons, Double score) {

    public CandidateVerdict {
        reasons = reasons == null ? List.of() : List.copyOf(reasons);
    }
}
