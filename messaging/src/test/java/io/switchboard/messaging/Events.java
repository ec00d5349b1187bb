package io.switchboard.messaging;

import java.time.Instant;
import java.util.UUID;

import io.switchboard.events.Channel;
import io.switchboard.events.ConversationResolved;

/** Events for the tests: a resolution of conversation {@code key}, with a reason of the given size. */
final class Events {

    private Events() {
    }

    static ConversationResolved resolved(String key, String reason) {
        return new ConversationResolved(UUID.randomUUID().toString(), Channel.WHATSAPP, "acct-1", key,
                "conv-" + key, "support", "agent-1", "solved", reason, null, Instant.parse("2026-12-02T10:00:00Z"));
    }
}
