package io.switchboard.ingress.meta;

import static io.switchboard.ingress.meta.MessagingJson.optionalMillisOrNull;

import java.util.Iterator;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import io.switchboard.events.Channel;
import io.switchboard.events.ConversationEvent;
import io.switchboard.events.MessageReceived;
import io.switchboard.ingress.normalize.ChannelNormalizer;
import io.switchboard.ingress.normalize.Normalized;
import io.switchboard.ingress.normalize.WebhookContext;

/**
 * Messenger ({@code object:"page"}) and Instagram ({@code object:"instagram"}) webhooks to events. Walks
 * {@code entry[] × messaging[]} and {@code entry[] × standby[]}; each item is one event key (message, postback,
 * reaction, message_edit, delivery, read, referral, and the handover protocol's pass_, take_ and
 * request_thread_control) and becomes its events or one rejection, never a part of each. Items with another key
 * (optin, app_roles, policy_enforcement …) are ignored as {@code messaging:<key>}.
 *
 * <p>Standby items (another app owns the thread under the handover protocol, docs/channels.md §3.8) normalize like
 * messaging items, with the same ids, so the transcript stays complete and deduplicates when thread control moves;
 * a customer message among them is marked {@link MessageReceived#standby()}, and routing does not offer it to agents.
 *
 * <p>Per event key: {@link MessagingMessages} (message, postback, referral, reaction, message_edit) and
 * {@link MessagingReceipts} (delivery, read), over a {@link MessagingItem}; JSON is read by {@link MessagingJson}.
 */
public final class MessagingNormalizer implements ChannelNormalizer {

    /** Event keys in the order they are looked for; a postback's or message's nested referral is not the key. */
    private static final List<String> EVENT_KEYS = List.of("message", "postback", "reaction", "message_edit",
            "delivery", "read", "referral", "pass_thread_control", "take_thread_control", "request_thread_control");

    private static final Set<String> ENVELOPE_KEYS = Set.of("sender", "recipient", "timestamp");

    private static final WebhookContext NO_CONTEXT = new WebhookContext(null, null, null);

    @Override
    public Normalized normalize(JsonNode body, WebhookContext context) {
        Normalized.Builder out = new Normalized.Builder();
        WebhookContext webhook = context == null ? NO_CONTEXT : context;
        Channel channel = body == null ? null : channel(body.path("object").asText(""));
        if (channel == null) {
            return out.reject("not a Messenger or Instagram webhook (object is neither page nor instagram)",
                    String.valueOf(body)).build();
        }
        JsonNode entries = body.get("entry");
        if (entries == null || !entries.isArray()) {
            return out.reject("entry is missing or not an array", body.toString()).build();
        }
        entries.forEach(entry -> normalizeEntry(channel, entry, webhook, out));
        return out.build();
    }

    private static Channel channel(String object) {
        switch (object) {
            case "page":
                return Channel.MESSENGER;
            case "instagram":
                return Channel.INSTAGRAM;
            default:
                return null;
        }
    }

    private void normalizeEntry(Channel channel, JsonNode entry, WebhookContext context, Normalized.Builder out) {
        JsonNode id = entry.get("id");
        if (!entry.isObject() || id == null || !id.isValueNode() || id.isNull() || id.asText().isEmpty()) {
            out.reject("entry without id", entry.toString());
            return;
        }
        Long entryTime = optionalMillisOrNull(entry.get("time"));
        for (String list : List.of("messaging", "standby")) {
            JsonNode items = entry.get(list);
            if (items == null || items.isNull()) {
                continue;
            }
            if (!items.isArray()) {
                out.reject("entry." + list + " is not an array", entry.toString());
                continue;
            }
            boolean standby = list.equals("standby");
            for (JsonNode item : items) {
                normalizeItem(new MessagingItem(channel, id.asText(), entryTime, item, context), standby, out);
            }
        }
        // Comments and mentions (entry.changes[]) reach the same endpoint; Switchboard does not route them.
        JsonNode changes = entry.get("changes");
        if (changes != null && changes.isArray()) {
            changes.forEach(change -> out.ignore("changes:" + change.path("field").asText("unknown")));
        }
    }

    /** One item's events are added only when the whole item could be read. */
    private void normalizeItem(MessagingItem item, boolean standby, Normalized.Builder out) {
        if (!item.node.isObject()) {
            out.reject("messaging item is not an object", item.node.toString());
            return;
        }
        String key = eventKey(item.node);
        if (key == null) {
            String unknown = firstUnknownKey(item.node);
            if (unknown == null) {
                out.reject("messaging item has no event", item.node.toString());
            } else {
                out.ignore("messaging:" + unknown);
            }
            return;
        }
        try {
            for (ConversationEvent event : events(key, item)) {
                out.event(standby && event instanceof MessageReceived received ? received.asStandby() : event);
            }
        } catch (Malformed e) {
            out.reject(e.getMessage(), item.node.toString());
        } catch (RuntimeException e) {
            // The contract is "never throw on bad input": an unforeseen shape is a dead letter, not a failed batch.
            out.reject(key + ": cannot normalize (" + e + ")", item.node.toString());
        }
    }

    private static String eventKey(JsonNode node) {
        for (String key : EVENT_KEYS) {
            JsonNode value = node.get(key);
            if (value != null && !value.isNull()) {
                return key;
            }
        }
        return null;
    }

    private static String firstUnknownKey(JsonNode node) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!ENVELOPE_KEYS.contains(name)) {
                return name;
            }
        }
        return null;
    }

    private List<ConversationEvent> events(String key, MessagingItem item) {
        switch (key) {
            case "message":
                return List.of(MessagingMessages.message(item));
            case "postback":
                return List.of(MessagingMessages.postback(item));
            case "reaction":
                return List.of(MessagingMessages.reaction(item));
            case "message_edit":
                return List.of(MessagingMessages.edit(item));
            case "delivery":
                return MessagingReceipts.delivery(item);
            case "read":
                return List.of(MessagingReceipts.read(item));
            case "pass_thread_control":
                return List.of(MessagingHandovers.passed(item));
            case "take_thread_control":
                return List.of(MessagingHandovers.taken(item));
            case "request_thread_control":
                return List.of(MessagingHandovers.requested(item));
            default:
                return List.of(MessagingMessages.referral(item));
        }
    }
}
