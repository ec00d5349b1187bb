package io.switchboard.routing.selection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a queue asks of an agent for one conversation, at one step of its escalation ladder.
 *
 * @param queueVersion   the version of the queue definition that applies
 * @param escalationStep 0 before any escalation
 * @param requiredSkills skill to minimum proficiency
 */
public record Rule(String queueId, long queueVersion, int escalationStep, Strategy strategy, String channel,
        Map<String, Integer> requiredSkills) {

    public Rule {
        requiredSkills = requiredSkills == null ? Map.of() : new TreeMap<>(requiredSkills);
    }

    /** The requirements as explanations print them: {@code channel whatsapp}, {@code skill billing >= 3}. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add("channel " + channel);
        requiredSkills.forEach((skill, level) -> lines.add("skill " + skill + " >= " + level));
        return lines;
    }
}
