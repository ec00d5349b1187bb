package io.switchboard.routing.selection;

import java.time.Instant;
import java.util.Map;

/**
 * One agent as routing sees it for one decision.
 *
 * @param presence        the agent's presence wire name ({@code available}, {@code away} …)
 * @param skills          skill to proficiency
 * @param load            conversations and offers the agent holds on the channel
 * @param capacity        the most the agent takes on the channel (0 when the channel is not listed)
 * @param missedThisOne   the agent declined or let lapse an offer of this conversation already
 */
public record Candidate(String agentId, String presence, boolean active, Map<String, Integer> skills,
        Instant presenceSince, Instant lastAssignedAt, int load, int capacity, boolean missedThisOne) {

    public Candidate {
        skills = skills == null ? Map.of() : Map.copyOf(skills);
    }

    /** Since when the agent has had nothing new: the later of entering their presence and their last assignment. */
    public Instant idleSince() {
        if (presenceSince == null) {
            return lastAssignedAt;
        }
        if (lastAssignedAt == null) {
            return presenceSince;
        }
        return presenceSince.isAfter(lastAssignedAt) ? presenceSince : lastAssignedAt;
    }
}
