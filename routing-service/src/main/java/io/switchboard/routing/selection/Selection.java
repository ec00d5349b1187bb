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

    private static final Map<Strategy, String> BEST = Map.of(Strategy.LONGEST_IDLE, "longest",
            Strategy.LEAST_OCCUPIED, "least occupied", Strategy.BEST_SKILL, "best skilled");

    private final Rule rule;
    private final Instant now;
    private final List<Verdict> verdicts;
    private final List<Verdict> ranked;
    private final int maxExplained;
    private final String preferred;

    private Selection(Rule rule, Instant now, List<Verdict> verdicts, int maxExplained, String preferred) {
        this.rule = rule;
        this.now = now;
        this.verdicts = verdicts;
        this.maxExplained = maxExplained;
        this.preferred = preferred;
        this.ranked = verdicts.stream().filter(Verdict::eligible)
                // Ties of the strategy's score go to the longest idle, then the agent id, so a ranking is stable.
                .sorted(Comparator.comparingDouble(Verdict::score).reversed()
                        .thenComparing(Comparator.comparingLong(Verdict::idleSeconds).reversed())
                        .thenComparing(Verdict::agentId))
                // A returning customer's last agent goes first when eligible (sticky routing).
                .sorted(Comparator.comparing((Verdict v) -> !v.agentId().equals(preferred)))
                .toList();
    }

    public static Selection evaluate(Rule rule, List<Candidate> candidates, Instant now, int maxExplained) {
        List<Verdict> verdicts = new ArrayList<>();
        for (Candidate candidate : candidates) {
            verdicts.add(judge(rule, candidate, now));
        }
        verdicts.sort(Comparator.comparing(Verdict::agentId));
        return new Selection(rule, now, verdicts, maxExplained, null);
    }

    /** The same verdicts, with {@code agentId} (when eligible) tried first: a returning customer's last agent. */
    public Selection preferring(String agentId) {
        return agentId == null ? this : new Selection(rule, now, verdicts, maxExplained, agentId);
    }

    /**
     * Whether an agent was left out because they already missed this conversation: then another conversation of the
     * same rule may still find someone this one could not.
     */
    public boolean missedBySomeone() {
        return verdicts.stream().anyMatch(Verdict::missed);
    }

    /** The version of the queue definition the verdicts were judged by. */
    public long ruleVersion() {
        return rule.queueVersion();
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
        return new RoutingExplanation(rule.queueId(), rule.queueVersion(), rule.escalationStep(),
                rule.strategy().wireName(),
                rule.describe(), candidates, listed.size() - kept, winnerAgentId, winnerReason(winnerAgentId));
    }

    private String winnerReason(String winnerAgentId) {
        if (winnerAgentId == null) {
            return ranked.isEmpty() ? "no eligible agent" : ranked.size() + " eligible, offered in waiting order";
        }
        int position = rankedAgentIds().indexOf(winnerAgentId);
        Verdict winner = ranked.get(position);
        String merit = switch (rule.strategy()) {
            case LONGEST_IDLE -> "idle " + format(Duration.ofSeconds(winner.idleSeconds()));
            case LEAST_OCCUPIED -> "occupied " + Math.round((1 - winner.score()) * 100) + "%";
            case BEST_SKILL -> "skill score " + (long) winner.score();
        };
        if (winnerAgentId.equals(preferred)) {
            return "returning customer's last agent, " + merit;
        }
        if (position == 0) {
            return merit + ", " + BEST.get(rule.strategy()) + " of " + ranked.size() + " eligible";
        }
        return merit + ", rank " + (position + 1) + " of " + ranked.size() + " eligible (those before had no room left)";
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
            return new Verdict(candidate.agentId(), false, reasons, 0, 0, candidate.missedThisOne());
        }
        Instant since = candidate.idleSince();
        long idleSeconds = since == null ? 0 : Math.max(0, Duration.between(since, now).getSeconds());
        String load = "load " + candidate.load() + "/" + candidate.capacity() + " on " + rule.channel();
        double score = switch (rule.strategy()) {
            case LONGEST_IDLE -> idleSeconds;
            // The free share of capacity: 1 - load/capacity, so higher is better as for the other strategies.
            case LEAST_OCCUPIED -> 1 - (double) candidate.load() / candidate.capacity();
            case BEST_SKILL -> rule.requiredSkills().keySet().stream()
                    .mapToInt(skill -> candidate.skills().getOrDefault(skill, 0)).sum();
        };
        return new Verdict(candidate.agentId(), true,
                List.of("idle " + format(Duration.ofSeconds(idleSeconds)), load), score, idleSeconds, false);
    }

    public static String format(Duration duration) {
        long minutes = duration.toMinutes();
        long seconds = duration.minusMinutes(minutes).getSeconds();
        return minutes > 0 ? minutes + "m" + seconds + "s" : seconds + "s";
    }

    private record Verdict(String agentId, boolean eligible, List<String> reasons, double score, long idleSeconds,
            boolean missed) {
    }
}
