package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event about one routing queue, on {@link Topics#QUEUE_STATS}, keyed by queue id so compaction keeps the latest
 * figures of each queue.
 */
public sealed interface QueueEvent extends SwitchboardEvent permits QueueStatsChanged {

    /** routing-service's id of the queue; the Kafka key and the CloudEvent subject. */
    String queueId();

    @Override
    @JsonIgnore
    default String recordKey() {
        return queueId();
    }
}
