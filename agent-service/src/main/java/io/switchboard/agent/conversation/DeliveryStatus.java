package io.switchboard.agent.conversation;

import java.util.List;

/**
 * A reply's delivery status as the transcript shows it, and the one rule for moving it: forward only, whatever
 * order results arrive in. {@code failed} replaces anything short of {@code delivered}; only evidence of delivery
 * replaces {@code failed}.
 */
public final class DeliveryStatus {

    public static final String PENDING = "pending";
    public static final String RETRYING = "retrying";
    public static final String ACCEPTED = "accepted";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";

    /** Ranked: a later one outranks an earlier one. */
    private static final List<String> RANKED = List.of(PENDING, RETRYING, ACCEPTED, "sent", DELIVERED, "read",
            "played");

    private DeliveryStatus() {
    }

    public static boolean advances(String current, String next) {
        if (current == null) {
            return true;
        }
        if (FAILED.equals(next)) {
            return !FAILED.equals(current) && rank(current) < rank(DELIVERED);
        }
        if (FAILED.equals(current)) {
            return rank(next) >= rank(DELIVERED);
        }
        return rank(next) > rank(current);
    }

    private static int rank(String status) {
        return RANKED.indexOf(status);
    }
}
