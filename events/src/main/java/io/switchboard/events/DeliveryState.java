package io.switchboard.events;

import java.util.Locale;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** How far an outbound message got. Positive states are ranked; a receipt never moves a message backwards. */
public enum DeliveryState {
    SENT(1),
    DELIVERED(2),
    READ(3),
    PLAYED(4),
    FAILED(0);

    private final int rank;

    DeliveryState(int rank) {
        this.rank = rank;
    }

    /** {@code sent(1) < delivered(2) < read(3) < played(4)}; failed is 0 and never outranks evidence of delivery. */
    public int rank() {
        return rank;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state a channel names ({@code sent}, {@code delivered} …); empty for a word we do not know. */
    public static Optional<DeliveryState> fromWireName(String name) {
        for (DeliveryState state : values()) {
            if (state.wireName().equals(name)) {
                return Optional.of(state);
            }
        }
        return Optional.empty();
    }
}
