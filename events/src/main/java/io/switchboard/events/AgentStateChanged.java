package io.switchboard.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The whole current state of one agent, published on every change (profile, skills, capacity, presence).
 * {@link Topics#AGENTS} is compacted, so each record replaces the previous one for the agent: it is never a delta.
 * A removed agent is published once with {@code active = false}; a tombstone (null value, no CloudEvent headers)
 * may follow so compaction forgets the key, and readers take a null value as "removed" too.
 * CloudEvent type {@code switchboard.agent.state-changed}, id {@code {agentId}:{version}}.
 *
 * @param displayName   the name customers and supervisors see
 * @param languages     languages the agent serves, as BCP 47 tags ({@code en}, {@code es-MX})
 * @param skills        what the agent can handle, with proficiency
 * @param capacity      the most conversations the agent takes at once, by {@link Channel} wire name; a channel
 *                      that is absent takes none
 * @param presence      whether the agent takes offers now
 * @param presenceSince when the agent entered {@code presence} (routing's longest-idle strategies use it)
 * @param awayReason    why the agent is away ({@code break}, {@code missed_offers} …); only with presence away
 * @param wrapUpUntil   when wrap-up ends and the agent becomes available again; only with presence wrap_up
 * @param active        false once the agent was removed from the directory
 * @param version       increases with every change of this agent: a reader ignores a record whose version is not
 *                      above the one it holds
 */
public record AgentStateChanged(String eventId, String agentId, String displayName, List<String> languages,
        List<Skill> skills, Map<String, Integer> capacity, AgentPresence presence, Instant presenceSince,
        String awayReason, Instant wrapUpUntil, boolean active, long version, Instant occurredAt)
        implements AgentEvent {

    public AgentStateChanged {
        languages = languages == null ? List.of() : List.copyOf(languages);
        skills = skills == null ? List.of() : List.copyOf(skills);
        capacity = capacity == null ? Map.of() : Map.copyOf(capacity);
    }

    @Override
    public EventType eventType() {
        return EventType.AGENT_STATE_CHANGED;
    }

    /** The most conversations the agent takes at once on a channel (0 when the channel is not listed). */
    public int capacityOn(Channel channel) {
        return capacity.getOrDefault(channel.wireName(), 0);
    }

    /**
     * One skill of an agent.
     *
     * @param skill       the skill's id, as routing rules name it ({@code billing}, {@code returns})
     * @param proficiency 1 (novice) to 5 (expert)
     */
    public record Skill(String skill, int proficiency) {
    }
}
