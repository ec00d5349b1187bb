package io.switchboard.routing.queue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.switchboard.messaging.http.InputBounds;

/**
 * The bounds of a queue definition (README.md, "Queue bounds"): what an admin may store stays within what routing
 * can run for every conversation, so no stored value can fail the consumers (a duration past what the offer and
 * wait arithmetic holds, a reply text Kafka or the channel refuses, a rule too big to evaluate per message).
 */
public final class QueueBounds {

    public static final int MAX_MATCH_LENGTH = 4096;
    public static final int MIN_PRIORITY = -1000;
    public static final int MAX_PRIORITY = 1000;
    public static final int MAX_REQUIRED_SKILLS = 20;
    public static final int MAX_SKILL_NAME = 100;
    public static final Duration MIN_OFFER_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration MAX_OFFER_TIMEOUT = Duration.ofHours(1);
    public static final int MAX_ESCALATION_STEPS = 10;
    public static final Duration MIN_ESCALATION_WAIT = Duration.ofSeconds(1);
    public static final Duration MAX_ESCALATION_WAIT = Duration.ofDays(7);
    public static final int MAX_TIME_ZONE = 64;
    public static final int MAX_WEEKLY_RANGES = 50;
    /** WhatsApp's limit for a text message, the strictest of the channels. */
    public static final int MAX_OUT_OF_HOURS_REPLY = 4096;
    public static final int MAX_HUMAN_PHRASES = 20;
    public static final int MAX_HUMAN_PHRASE = 100;
    /** The values of {@code callbacks}. */
    public static final List<String> CALLBACKS = List.of(QueueDefinition.CALLBACKS_OFF,
            QueueDefinition.CALLBACKS_MISSED, QueueDefinition.CALLBACKS_ALL);

    private QueueBounds() {
    }

    /** Every bound {@code queue} breaks, {@code "<field>: <what is wrong>"}; empty when none. */
    public static List<String> violations(QueueDefinition queue) {
        List<String> violations = new ArrayList<>();
        InputBounds strings = new InputBounds().check("match", queue.match(), MAX_MATCH_LENGTH);
        if (queue.priority() < MIN_PRIORITY || queue.priority() > MAX_PRIORITY) {
            violations.add("priority: must be " + MIN_PRIORITY + " to " + MAX_PRIORITY + ", was " + queue.priority());
        }
        if (queue.requiredSkills().size() > MAX_REQUIRED_SKILLS) {
            violations.add("requiredSkills: at most " + MAX_REQUIRED_SKILLS + ", was " + queue.requiredSkills().size());
        }
        queue.requiredSkills().keySet().forEach(skill -> strings.check("requiredSkills." + abbreviate(skill), skill,
                MAX_SKILL_NAME));
        within(violations, "offerTimeout", queue.offerTimeout(), MIN_OFFER_TIMEOUT, MAX_OFFER_TIMEOUT);
        if (queue.escalation().size() > MAX_ESCALATION_STEPS) {
            violations.add("escalation: at most " + MAX_ESCALATION_STEPS + " steps, was " + queue.escalation().size());
        }
        for (int i = 0; i < queue.escalation().size(); i++) {
            EscalationStep step = queue.escalation().get(i);
            String name = "escalation[" + i + "]";
            if (step != null) {
                if (step.after() != null) {
                    within(violations, name + ".after", step.after(), MIN_ESCALATION_WAIT, MAX_ESCALATION_WAIT);
                }
                strings.check(name + ".lowerSkill", step.lowerSkill(), MAX_SKILL_NAME)
                        .check(name + ".dropSkill", step.dropSkill(), MAX_SKILL_NAME)
                        .check(name + ".overflowTo", step.overflowTo(), InputBounds.ID);
            }
        }
        BusinessHours hours = queue.businessHours();
        if (hours != null) {
            strings.check("businessHours.timeZone", hours.timeZone(), MAX_TIME_ZONE)
                    .check("businessHours.outOfHoursReply", hours.outOfHoursReply(), MAX_OUT_OF_HOURS_REPLY);
            if (hours.weekly().size() > MAX_WEEKLY_RANGES) {
                violations.add("businessHours.weekly: at most " + MAX_WEEKLY_RANGES + " ranges, was "
                        + hours.weekly().size());
            }
        }
        if (queue.humanPhrases().size() > MAX_HUMAN_PHRASES) {
            violations.add("humanPhrases: at most " + MAX_HUMAN_PHRASES + ", was " + queue.humanPhrases().size());
        }
        for (int i = 0; i < queue.humanPhrases().size(); i++) {
            String phrase = queue.humanPhrases().get(i);
            if (phrase == null || phrase.isBlank()) {
                violations.add("humanPhrases[" + i + "]: must not be blank");
            } else {
                strings.check("humanPhrases[" + i + "]", phrase, MAX_HUMAN_PHRASE);
            }
        }
        if (!CALLBACKS.contains(queue.callbacks())) {
            violations.add("callbacks: must be one of " + String.join(", ", CALLBACKS) + ", was '"
                    + abbreviate(queue.callbacks()) + "'");
        }
        violations.addAll(strings.violations());
        return violations;
    }

    /**
     * {@code queue} with every number and duration moved into its bounds and the reply text cut to its maximum: for
     * versions stored before these bounds existed, so that even they cannot fail a consumer. Unchanged when within.
     */
    public static QueueDefinition clamped(QueueDefinition queue) {
        if (violations(queue).isEmpty()) {
            return queue;
        }
        List<EscalationStep> steps = queue.escalation().stream().limit(MAX_ESCALATION_STEPS)
                .map(step -> step == null || step.after() == null ? step : new EscalationStep(
                        clamp(step.after(), MIN_ESCALATION_WAIT, MAX_ESCALATION_WAIT), step.lowerSkill(),
                        step.minProficiency(), step.dropSkill(), step.overflowTo()))
                .toList();
        BusinessHours hours = queue.businessHours();
        if (hours != null && hours.outOfHoursReply() != null
                && hours.outOfHoursReply().length() > MAX_OUT_OF_HOURS_REPLY) {
            hours = new BusinessHours(hours.timeZone(), hours.weekly(),
                    hours.outOfHoursReply().substring(0, MAX_OUT_OF_HOURS_REPLY));
        }
        return new QueueDefinition(queue.id(), queue.match(),
                Math.max(MIN_PRIORITY, Math.min(MAX_PRIORITY, queue.priority())), queue.requiredSkills(),
                queue.strategy(), clamp(queue.offerTimeout(), MIN_OFFER_TIMEOUT, MAX_OFFER_TIMEOUT),
                queue.directAssignment(), hours, steps, queue.maxWait(), queue.inactivityTimeout(),
                queue.serviceLevelTarget(), queue.takeControl(), queue.humanPhrases().stream()
                        .filter(p -> p != null && !p.isBlank()).limit(MAX_HUMAN_PHRASES)
                        .map(p -> p.length() > MAX_HUMAN_PHRASE ? p.substring(0, MAX_HUMAN_PHRASE) : p).toList(),
                CALLBACKS.contains(queue.callbacks()) ? queue.callbacks() : QueueDefinition.CALLBACKS_OFF);
    }

    private static Duration clamp(Duration value, Duration min, Duration max) {
        return value.compareTo(min) < 0 ? min : value.compareTo(max) > 0 ? max : value;
    }

    private static void within(List<String> violations, String field, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            violations.add(field + ": must be " + min + " to " + max + ", was " + value);
        }
    }

    /** A field name built from a caller's key stays short in the answer. */
    private static String abbreviate(String key) {
        return key.length() <= 40 ? key : key.substring(0, 40) + "…";
    }
}
