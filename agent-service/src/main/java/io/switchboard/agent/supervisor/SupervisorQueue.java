package io.switchboard.agent.supervisor;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One queue as a wallboard shows it, from routing's latest figures.
 *
 * @param waiting            conversations waiting now, all channels
 * @param depth              waiting by channel wire name
 * @param oldestWaitSeconds  how long the one waiting longest has waited, at {@code asOf}; 0 when none waits
 * @param serviceLevel       share answered within target over routing's window (0–1); null without a target or
 *                           before anything was counted
 * @param agentsAvailable    agents who can serve the queue now (available, room on a channel, the skills)
 * @param assigned           open conversations of the queue an agent holds (offered or assigned)
 * @param computedAt         when routing computed the figures
 */
@Schema(description = "A queue's figures", example = """
        {"queueId": "billing", "waiting": 3, "depth": {"whatsapp": 2, "messenger": 1},
         "oldestWaitingSince": "2026-11-25T17:58:10Z", "oldestWaitSeconds": 110, "serviceLevel": 0.92,
         "serviceLevelMet": 46, "serviceLevelCounted": 50, "serviceLevelTargetSeconds": 60, "agentsAvailable": 2,
         "assigned": 7, "computedAt": "2026-11-25T17:59:58Z"}""")
public record SupervisorQueue(String queueId, int waiting, Map<String, Integer> depth, Instant oldestWaitingSince,
        long oldestWaitSeconds, Double serviceLevel, long serviceLevelMet, long serviceLevelCounted,
        Long serviceLevelTargetSeconds, int agentsAvailable, int assigned, Instant computedAt) {

    static SupervisorQueue of(QueueStatsRow row, Instant asOf) {
        Map<String, Integer> depth = row.depth == null ? Map.of() : row.depth;
        int waiting = depth.values().stream().mapToInt(Integer::intValue).sum();
        long oldest = row.oldestWaitingSince == null ? 0
                : Math.max(0, Duration.between(row.oldestWaitingSince, asOf).toSeconds());
        Double level = row.serviceLevelTarget == null || row.serviceLevelCounted == 0 ? null
                : (double) row.serviceLevelMet / row.serviceLevelCounted;
        return new SupervisorQueue(row.queueId, waiting, depth, row.oldestWaitingSince, oldest, level,
                row.serviceLevelMet, row.serviceLevelCounted, row.serviceLevelTarget, row.agentsAvailable,
                row.assigned, row.computedAt);
    }
}
