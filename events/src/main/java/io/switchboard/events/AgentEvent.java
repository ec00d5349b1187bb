package io.switchboard.events;

import com.fasterxml.jackson.annotation.JsonIgnore;

/**
 * An event about one agent, on {@link Topics#AGENTS}, keyed by agent id so each agent's events stay in order and
 * compaction keeps the latest one per agent.
 */
public sealed interface AgentEvent extends SwitchboardEvent permits AgentStateChanged {

    /** agent-service's id of the agent; the Kafka key and the CloudEvent subject. */
    String agentId();

    @Override
    @JsonIgnore
    default String recordKey() {
        return agentId();
    }
}
