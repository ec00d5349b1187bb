package io.switchboard.routing.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a queue asks of an agent for one conversation.
 *
 * @param requiredSkills skill to minimum proficiency
 * @param strategy       how eligible agents are ranked; {@code longest_idle} is the only one built
 */
public record Rule(String queueId, long ruleVersion, int escalationStep, String strategy, String channel,
        Map<String, Integer> requiredSkills) {

    public static final String LONGEST_IDLE = "longest_idle";

    public Rule {
        requiredSkills = requiredSkills == null ? Map.of() : new TreeMap<>(requiredSkills);
        if (!LONGEST_IDLE.equals(strategy)) {
            throw new IllegalArgumentException("unknown strategy " + strategy + "; supported: " + LONGEST_IDLE);
        }
        requiredSkills.forEach((skill, level) -> {
            if (level < 1 || level > 5) {
                throw new IllegalArgumentException("proficiency of " + skill + " must be 1 to 5, was " + level);
            }
        });
    }

    /** The requirements as explanations print them: {@code channel whatsapp}, {@code skill billing >= 3}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("channel " + channel);
        requiredSkills.forEach((skill, level) -> lines.add("skill " + skill + " >= " + level));
        return lines;
    }
}
