package io.switchboard.routing.queue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;

import io.switchboard.events.CallDirection;
import io.switchboard.events.CallEnded;
import io.switchboard.routing.selection.Strategy;

/**
 * A queue as the definition file and the admin API write it. Every saved change is a new version; a conversation
 * keeps the version that routed it.
 *
 * @param match            CEL over {@code channel}, {@code channelAccountId}, {@code language}, {@code attributes},
 *                         {@code text}, {@code payload}; {@code true} when absent
 * @param priority         higher is served first; within a priority, the oldest first
 * @param requiredSkills   skill to minimum proficiency 1–5
 * @param directAssignment assign without an offer the agent must accept
 * @param businessHours    null: always open
 * @param escalation       steps in order
 * @param maxWait          null: waits until served
 * @param inactivityTimeout null: an assigned conversation stays open however long the customer is silent
 * @param serviceLevelTarget null: no service level; else conversations answered within it count as met
 * @param takeControl      Meta's handover protocol: when to take a thread another app controls; {@code never}
 *                         when absent
 * @param humanPhrases     what a customer writes to ask for a person ({@code on_human_request}); the configured
 *                         {@code switchboard.routing.thread-control.human-phrases} when empty
 * @param callbacks        which ended calls of a customer without an open conversation become a callback task (a
 *                         conversation offered with reason {@code callback_requested}): {@code off} (default),
 *                         {@code missed} (user-initiated calls nobody answered) or {@code all} (every user-initiated
 *                         call that ended)
 */
public record QueueDefinition(String id, String match, int priority, Map<String, Integer> requiredSkills,
        Strategy strategy, Duration offerTimeout, boolean directAssignment, BusinessHours businessHours,
        List<EscalationStep> escalation, MaxWait maxWait, Duration inactivityTimeout, Duration serviceLevelTarget,
        TakeControl takeControl, List<String> humanPhrases, String callbacks) {

    public static final String CALLBACKS_OFF = "off";
    public static final String CALLBACKS_MISSED = "missed";
    public static final String CALLBACKS_ALL = "all";

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    @JsonCreator
    public QueueDefinition {
        match = match == null ? "true" : match;
        requiredSkills = requiredSkills == null ? Map.of() : Map.copyOf(requiredSkills);
        strategy = strategy == null ? Strategy.LONGEST_IDLE : strategy;
        offerTimeout = offerTimeout == null ? Duration.ofSeconds(30) : offerTimeout;
        escalation = escalation == null ? List.of() : List.copyOf(escalation);
        takeControl = takeControl == null ? TakeControl.NEVER : takeControl;
        humanPhrases = humanPhrases == null ? List.of() : List.copyOf(humanPhrases);
        callbacks = callbacks == null ? CALLBACKS_OFF : callbacks;
    }

    /** A queue that never takes a thread's control, with these callbacks. */
    public QueueDefinition(String id, String match, int priority, Map<String, Integer> requiredSkills,
            Strategy strategy, Duration offerTimeout, boolean directAssignment, BusinessHours businessHours,
            List<EscalationStep> escalation, MaxWait maxWait, Duration inactivityTimeout,
            Duration serviceLevelTarget, String callbacks) {
        this(id, match, priority, requiredSkills, strategy, offerTimeout, directAssignment, businessHours, escalation,
                maxWait, inactivityTimeout, serviceLevelTarget, null, null, callbacks);
    }

    /** A queue without callbacks, with this handover rule. */
    public QueueDefinition(String id, String match, int priority, Map<String, Integer> requiredSkills,
            Strategy strategy, Duration offerTimeout, boolean directAssignment, BusinessHours businessHours,
            List<EscalationStep> escalation, MaxWait maxWait, Duration inactivityTimeout,
            Duration serviceLevelTarget, TakeControl takeControl, List<String> humanPhrases) {
        this(id, match, priority, requiredSkills, strategy, offerTimeout, directAssignment, businessHours, escalation,
                maxWait, inactivityTimeout, serviceLevelTarget, takeControl, humanPhrases, null);
    }

    /** A queue that never takes a thread's control, without callbacks. */
    public QueueDefinition(String id, String match, int priority, Map<String, Integer> requiredSkills,
            Strategy strategy, Duration offerTimeout, boolean directAssignment, BusinessHours businessHours,
            List<EscalationStep> escalation, MaxWait maxWait, Duration inactivityTimeout,
            Duration serviceLevelTarget) {
        this(id, match, priority, requiredSkills, strategy, offerTimeout, directAssignment, businessHours, escalation,
                maxWait, inactivityTimeout, serviceLevelTarget, null, null, null);
    }

    /** Whether a call that ended so becomes a callback task in this queue (docs/channels.md §2.11). */
    public boolean callsBack(CallEnded call) {
        if (call.direction() != CallDirection.USER_INITIATED) {
            return false;
        }
        return CALLBACKS_ALL.equals(callbacks) || CALLBACKS_MISSED.equals(callbacks) && call.missed();
    }

    /** A queue without timers (maximum wait, inactivity, service level). */
    public QueueDefinition(String id, String match, int priority, Map<String, Integer> requiredSkills,
            Strategy strategy, Duration offerTimeout, boolean directAssignment, BusinessHours businessHours,
            List<EscalationStep> escalation) {
        this(id, match, priority, requiredSkills, strategy, offerTimeout, directAssignment, businessHours, escalation,
                null, null, null);
    }

    /** The same definition under {@code queueId}. */
    public QueueDefinition withId(String queueId) {
        return new QueueDefinition(queueId, match, priority, requiredSkills, strategy, offerTimeout, directAssignment,
                businessHours, escalation, maxWait, inactivityTimeout, serviceLevelTarget, takeControl, humanPhrases,
                callbacks);
    }

    /**
     * Refuses what cannot work, naming the field: first every broken {@link QueueBounds} at once, then the rest. {@code knownQueues} are the ids an overflow step may name.
     * Returns the compiled match rule.
     */
    public MatchRule validate(Set<String> knownQueues) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new InvalidQueue("id must be 1-63 of a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        List<String> outOfBounds = QueueBounds.violations(this);
        if (!outOfBounds.isEmpty()) {
            throw new InvalidQueue("the queue breaks " + outOfBounds.size() + " bound(s)", outOfBounds);
        }
        requiredSkills.forEach((skill, level) -> {
            if (level == null || level < 1 || level > 5) {
                throw new InvalidQueue("requiredSkills." + skill + " must be 1 to 5, was " + level);
            }
        });
        if (offerTimeout.isNegative() || offerTimeout.isZero()) {
            throw new InvalidQueue("offerTimeout must be positive, was " + offerTimeout);
        }
        if (businessHours != null) {
            businessHours.validate();
        }
        Map<String, Integer> skills = new TreeMap<>(requiredSkills);
        for (int i = 0; i < escalation.size(); i++) {
            validateStep(i + 1, escalation.get(i), skills, knownQueues);
        }
        QueueTimers.validate(this, knownQueues);
        return MatchRule.compile(match);
    }

    private void validateStep(int number, EscalationStep step, Map<String, Integer> skills, Set<String> knownQueues) {
        String name = "escalation step " + number;
        if (step == null || step.after() == null || step.after().isNegative() || step.after().isZero()) {
            throw new InvalidQueue(name + " needs a positive 'after'");
        }
        int actions = (step.lowerSkill() != null ? 1 : 0) + (step.dropSkill() != null ? 1 : 0)
                + (step.overflowTo() != null ? 1 : 0);
        if (actions != 1) {
            throw new InvalidQueue(name + " needs exactly one of lowerSkill (with minProficiency), dropSkill, overflowTo");
        }
        if (step.lowerSkill() != null) {
            Integer current = skills.get(step.lowerSkill());
            if (current == null) {
                throw new InvalidQueue(name + " lowers " + step.lowerSkill() + ", which is not required at that step");
            }
            if (step.minProficiency() == null || step.minProficiency() < 1 || step.minProficiency() >= current) {
                throw new InvalidQueue(name + " must lower " + step.lowerSkill() + " below " + current + " to at least 1");
            }
            skills.put(step.lowerSkill(), step.minProficiency());
        } else if (step.dropSkill() != null) {
            if (skills.remove(step.dropSkill()) == null) {
                throw new InvalidQueue(name + " drops " + step.dropSkill() + ", which is not required at that step");
            }
        } else if (step.overflowTo().equals(id) || !knownQueues.contains(step.overflowTo())) {
            throw new InvalidQueue(name + " overflows to unknown queue " + step.overflowTo());
        }
    }

    /** The skills required once {@code step} escalation steps were taken (0: none). */
    public Map<String, Integer> skillsAtStep(int step) {
        Map<String, Integer> skills = new TreeMap<>(requiredSkills);
        for (EscalationStep taken : escalation.subList(0, Math.min(step, escalation.size()))) {
            if (taken.lowerSkill() != null) {
                skills.put(taken.lowerSkill(), taken.minProficiency());
            } else if (taken.dropSkill() != null) {
                skills.remove(taken.dropSkill());
            }
        }
        return skills;
    }
}
