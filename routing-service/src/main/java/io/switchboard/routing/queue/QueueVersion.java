package io.switchboard.routing.queue;

import io.switchboard.routing.selection.Rule;

/** One stored version of a queue, its match rule compiled. Immutable, so replicas cache it by id and version. */
public record QueueVersion(QueueDefinition definition, long version, MatchRule matchRule) {

    public String id() {
        return definition.id();
    }

    /** What an agent needs for a conversation on {@code channel} after {@code step} escalation steps. */
    public Rule rule(int step, String channel) {
        return new Rule(id(), version, step, definition.strategy(), channel, definition.skillsAtStep(step));
    }
}
