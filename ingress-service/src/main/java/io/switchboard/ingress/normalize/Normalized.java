package io.switchboard.ingress.normalize;

import java.util.ArrayList;
import java.util.List;

import io.switchboard.events.ConversationEvent;

/**
 * What a webhook became: events, parts that could not be normalized, and parts deliberately ignored (well-signed
 * but of a kind Switchboard does not handle, e.g. {@code account_update}; they stay in the raw topic).
 */
public record Normalized(List<ConversationEvent> events, List<Rejection> rejections, List<String> ignored) {

    public Normalized {
        events = List.copyOf(events);
        rejections = List.copyOf(rejections);
        ignored = List.copyOf(ignored);
    }

    /** Collects results while a normalizer walks a batch. */
    public static final class Builder {
        private final List<ConversationEvent> events = new ArrayList<>();
        private final List<Rejection> rejections = new ArrayList<>();
        private final List<String> ignored = new ArrayList<>();

        public Builder event(ConversationEvent event) {
            events.add(event);
            return this;
        }

        public Builder reject(String reason, String fragment) {
            rejections.add(new Rejection(reason, fragment));
            return this;
        }

        /** @param what a short label of what was ignored, e.g. {@code field:account_update} (used as a metric tag) */
        public Builder ignore(String what) {
            ignored.add(what);
            return this;
        }

        public Normalized build() {
            return new Normalized(events, rejections, ignored);
        }
    }
}
