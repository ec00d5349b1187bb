package io.switchboard.routing.selection;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.switchboard.events.CandidateVerdict;
import io.switchboard.events.RoutingExplanation;

/**
 * The verdict on every candidate and the ranking of the eligible ones, for one rule at one instant. Pure: the same
 * snapshot gives the same answer, which is also what the dry run shows.
 */
public final class Selection {

    private final Rule rule;
    private final Instant now;
    private final List<Verdict> verdicts;
    private final List<Verdict> ranked;
    private final int maxExplained;

    private Selection(Rule rule, Instant now, List<Verdict> verdicts, int maxExplained) {
        this.rule = rule;
        this.now = now;
        this.verdicts = verdicts;
        this.maxExplained = maxExplained;
        this.ranked = verdicts.stream().filter(Verdict::eligible)
                .sorted(Comparator.comparingDouble(Verdict::score).reversed().thenComparing(Verdict::agentId))
                .toList();
    }

    public static Selection evaluate(Rule rule, List<Candidate> candidates, Instant now, int maxExplained) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Candidate candidate : candidates) {
            verdicts.add(judge(rule, candidate, now));
        }
        verdicts.sort(Comparator.comparing(Verdict::agentId));
        return new Selection(rule, now, verdicts, maxExplained);
    }

    /** Eligible agents, best first: the order in which capacity is tried. */
    public List<String> rankedAgentIds() {
        return ranked.stream().map(Verdict::agentId).toList();
    }

    /** The explanation of a decision that went to {@code winnerAgentId} (null when nobody could take it). */
    public RoutingExplanation explain(String winnerAgentId) {
        List<Verdict> listed = new ArrayList<>(verdicts);
        // The winner and the best-ranked are kept when the list is cut; the rest in agent order.
        listed.sort(Comparator.comparing((Verdict v) -> !v.agentId().equals(winnerAgentId))
                .thenComparing(v -> !v.eligible()).thenComparing(Verdict::agentId));
        int kept = Math.min(listed.size(), maxExplained);
        List<CandidateVerdict> candidates = listed.subList(0, kept).stream()
                .map(v -> new CandidateVerdict(v.agentId(), v.eligible(), v.reasons(), v.eligible() ? v.score() : null))
                .toList();
        return new RoutingExplanation(rule.queueId(), rule.ruleVersion(), rule.escalationStep(), rule.strategy(),
                rule.describe(), candidates, listed.size() - kept, winnerAgentId, winnerReason(winnerAgentId));
    }

    private String winnerReason(String winnerAgentId) {
        if (winnerAgentId == null) {
            return ranked.isEmpty() ? "no eligible agent" : ranked.size() + " eligible, offered in waiting order";
        }
        int position = rankedAgentIds().indexOf(winnerAgentId);
        Verdict winner = ranked.get(position);
        String idle = "idle " + format(Duration.ofSeconds((long) winner.score()));
        if (position == 0) {
            return idle + ", longest of " + ranked.size() + " eligible";
        }
        return idle + ", rank " + (position + 1) + " of " + ranked.size() + " eligible (those before had no room left)";
    }

    private static Verdict judge(Rule rule, Candidate candidate, Instant now) {
        List<String> reasons = new ArrayList<>();
        if (!candidate.active()) {
            reasons.add("removed");
        }
        if (!"available".equals(candidate.presence())) {
            reasons.add(candidate.presence());
        }
        for (Map.Entry<String, Integer> required : rule.requiredSkills().entrySet()) {
            Integer has = candidate.skills().get(required.getKey());
            if (has == null) {
                reasons.add("skill " + required.getKey() + " missing");
            } else if (has < required.getValue()) {
                reasons.add("skill " + required.getKey() + " below " + required.getValue());
            }
        }
        if (candidate.capacity() == 0) {
            reasons.add("no capacity on " + rule.channel());
        } else if (candidate.load() >= candidate.capacity()) {
            reasons.add("at capacity " + candidate.load() + "/" + candidate.capacity() + " on " + rule.channel());
        }
        if (candidate.missedThisOne()) {
            reasons.add("already missed this conversation");
        }
        if (!reasons.isEmpty()) {
            return new Verdict(candidate.agentId(), false, reasons, 0);
        }
        Instant since = candidate.idleSince();
        long idleSeconds = since == null ? 0 : Math.max(0, Duration.between(since, now).getSeconds());
        String load = "load " + candidate.load() + "/" + candidate.capacity() + " on " + rule.channel();
        return new Verdict(candidate.agentId(), true,
                List.of("idle " + format(Duration.ofSeconds(idleSeconds)), load), idleSeconds);
    }

    static String format(Duration duration) {
        long minutes = duration.toMinutes();
        long seconds = duration.minusMinutes(minutes).getSeconds();
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    private record Verdict(String agentId, boolean eligible, List<String> reasons, double score) {
    }
}
