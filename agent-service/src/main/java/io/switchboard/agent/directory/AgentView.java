package io.switchboard.agent.directory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import io.switchboard.events.AgentPresence;

/** An agent as the API shows it. */
public record AgentView(String id, String displayName, List<String> languages, List<SkillLevel> skills,
        Map<String, Integer> capacity, AgentPresence presence, Instant presenceSince, String awayReason,
        Instant wrapUpUntil, boolean active, long version) {

    public static AgentView of(Agent agent) {
        return new AgentView(agent.id, agent.displayName, List.copyOf(agent.languages),
                agent.skills.entrySet().stream().map(e -> new SkillLevel(e.getKey(), e.getValue()))
                        .sorted(Comparator.comparing(SkillLevel::skill)).toList(),
                Map.copyOf(agent.capacity), agent.presence, agent.presenceSince, agent.awayReason,
                agent.wrapUpUntil, agent.active, agent.version);
    }
}
