package io.switchboard.events;

import java.util.List;

/**
 * Why routing decided what it decided: the rule applied, every candidate with its verdict, and why the winner won.
 * Carried inline by each routing decision, so a supervisor or contact-center system can answer "why this agent?"
 * and "why is nobody getting it?" from the event alone.
 *
 * @param queueId           the queue whose rule was applied
 * @param ruleVersion       the version of that queue's rules at the time of the decision
 * @param escalationStep    the step of the queue's escalation ladder applied (0 = the first, unescalated step)
 * @param strategy          how eligible candidates were ranked ({@code longest_idle}, {@code most_skilled},
 *                          {@code least_busy}, {@code round_robin}, {@code direct} for a transfer to a named agent)
 * @param requirements      what the rule asked of an agent at this step ({@code language es},
 *                          {@code skill billing >= 3}, {@code channel whatsapp})
 * @param candidates        every agent considered, eligible or not
 * @param omittedCandidates agents considered but left out of {@code candidates} to keep the record small (0 when
 *                          the list is complete)
 * @param winnerAgentId     the agent chosen; absent when nobody was eligible
 * @param winnerReason      why the winner won ({@code idle 4m12s, longest of 3 eligible})
 */
public record RoutingExplanation(String queueId, Long ruleVersion, int escalationStep, String strategy,
        List<String> requirements, List<CandidateVerdict> candidates, int omittedCandidates, String winnerAgentId,
        String winnerReason) {

    public RoutingExplanation {
        requirements = requirements == null ? List.of() : List.copyOf(requirements);
        candidates = candidates == null ? List.of() : List.copyOf(candidates);
    }
}
