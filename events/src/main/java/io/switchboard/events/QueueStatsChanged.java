package io.switchboard.events;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;

/**
 * The current figures of one queue, published by routing-service when they change (coalesced: at most once per
 * queue per half second) and at start. {@link Topics#QUEUE_STATS} is compacted, so each record replaces the previous
 * one for the queue: never a delta. Several replicas may publish the same queue; a reader keeps the record with the
 * latest {@code occurredAt}. CloudEvent type {@code switchboard.queue.stats-changed}.
 *
 * @param depth               conversations waiting now, by {@link Channel} wire name (a channel absent has none)
 * @param oldestWaitingSince  when the conversation waiting longest was queued; absent when none waits
 * @param serviceLevelMet     conversations answered within the queue's target over the window
 * @param serviceLevelCounted conversations the service level counts over the window (0: no share yet, or no target)
 * @param serviceLevelTarget  the queue's target in seconds; absent when the queue has none
 * @param agentsAvailable     agents who can serve the queue now: available, with room on some channel and the
 *                            queue's required skills
 * @param assigned            open conversations of the queue an agent holds (offered or assigned)
 * @param occurredAt          when routing computed the figures
 */
public record QueueStatsChanged(String eventId, String queueId, Map<String, Integer> depth,
        Instant oldestWaitingSince, long serviceLevelMet, long serviceLevelCounted, Long serviceLevelTarget,
        int agentsAvailable, int assigned, Instant occurredAt) implements QueueEvent {

    public QueueStatsChanged {
        depth = depth == null ? Map.of() : Map.copyOf(depth);
    }

    @Override
    public EventType eventType() {
        return EventType.QUEUE_STATS_CHANGED;
    }

    /** Conversations waiting now on every channel. */
    public int waiting() {
        return depth.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The same figures, ignoring the id and the time: whether anything a reader shows changed. */
    public boolean sameFigures(QueueStatsChanged other) {
        return other != null && depth.equals(other.depth) && Objects.equals(oldestWaitingSince,
                other.oldestWaitingSince) && serviceLevelMet == other.serviceLevelMet
                && serviceLevelCounted == other.serviceLevelCounted
                && Objects.equals(serviceLevelTarget, other.serviceLevelTarget)
                && agentsAvailable == other.agentsAvailable && assigned == other.assigned;
    }
}
