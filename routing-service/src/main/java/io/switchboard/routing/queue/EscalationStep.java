package io.switchboard.routing.queue;

import java.time.Duration;

/**
 * One rung of a queue's escalation ladder, taken when a conversation waited {@code after} on the previous rung
 * (or since it entered the queue) without being offered. Exactly one action per step: lower a skill's minimum
 * proficiency ({@code lowerSkill} to {@code minProficiency}), drop a skill, or overflow to another queue.
 */
public record EscalationStep(Duration after, String lowerSkill, Integer minProficiency, String dropSkill,
        String overflowTo) {

    /** What the step did, as escalation events and explanations say it. */
    public String describe() {
        if (lowerSkill != null) {
            return "lowered " + lowerSkill + " to " + minProficiency;
        }
        if (dropSkill != null) {
            return "dropped skill " + dropSkill;
        }
        return "overflowed to queue " + overflowTo;
    }

    boolean overflows() {
        return overflowTo != null;
    }
}
