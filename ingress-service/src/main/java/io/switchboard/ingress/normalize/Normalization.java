package io.switchboard.ingress.normalize;

import io.switchboard.events.ConversationEvent;

/** One result of normalizing a raw webhook: an event, or a part that goes to the dead-letter topic. */
record Normalization(ConversationEvent event, DeadLetter deadLetter) {

    static Normalization of(ConversationEvent event) {
        return new Normalization(event, null);
    }

    static Normalization dead(String reason, byte[] content) {
        return new Normalization(null, new DeadLetter(reason, content));
    }

    boolean isEvent() {
        return event != null;
    }

    record DeadLetter(String reason, byte[] content) {
    }
}
