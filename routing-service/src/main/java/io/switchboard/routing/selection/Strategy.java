package io.switchboard.routing.selection;

/** How the eligible agents of a queue are ranked. Explanations carry the wire name. */
public enum Strategy {

    /** The agent who has had nothing new the longest (later of presence change and last assignment). */
    LONGEST_IDLE("longest_idle"),
    /** The agent with the smallest share of their capacity on the channel in use. */
    LEAST_OCCUPIED("least_occupied"),
    /** The agent with the highest proficiency summed over the queue's required skills. */
    BEST_SKILL("best_skill");

    private final String wireName;

    Strategy(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
