package io.switchboard.ingress.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.switchboard.events.ConversationEvent;
import io.switchboard.messaging.deadletter.DeadLetter;

/**
 * What the normalization would make of a raw webhook, computed as {@link NormalizeProcessor} does but without
 * producing anything: the events it would publish and, per part it would dead-letter, a short reason. The replay
 * uses it to count and to leave out webhooks with nothing new; the topology stays the one that publishes.
 *
 * @param events   the events within bounds, in order
 * @param failures one reason per part that would be dead-lettered: the reason's kind, not its details (which may
 *                 quote the payload), so that they can be counted
 */
public record Preview(List<ConversationEvent> events, List<String> failures) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public Preview {
        events = List.copyOf(events);
        failures = List.copyOf(failures);
    }

    public static Preview of(Map<String, ChannelNormalizer> normalizers, String channel, byte[] body,
            WebhookContext context) {
        ChannelNormalizer normalizer = normalizers.get(channel);
        if (normalizer == null) {
            return new Preview(List.of(), List.of());
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (Exception e) {
            return new Preview(List.of(), List.of("malformed JSON"));
        }
        Normalized normalized;
        try {
            normalized = normalizer.normalize(json, context);
        } catch (RuntimeException e) {
            return new Preview(List.of(), List.of("normalizer failed: " + DeadLetter.errorClass(e)));
        }
        List<ConversationEvent> events = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (ConversationEvent event : normalized.events()) {
            if (EventBounds.violations(event).isEmpty()) {
                events.add(event);
            } else {
                failures.add("input out of bounds");
            }
        }
        for (Rejection rejection : normalized.rejections()) {
            failures.add(kind(rejection.reason()));
        }
        return new Preview(events, failures);
    }

    /** A rejection's reason up to its first colon or 80 characters: what went wrong, not the payload's values. */
    private static String kind(String reason) {
        String kind = reason == null ? "rejected" : reason;
        int colon = kind.indexOf(':');
        kind = colon > 0 ? kind.substring(0, colon) : kind;
        return kind.length() > 80 ? kind.substring(0, 80) + "..." : kind;
    }
}
