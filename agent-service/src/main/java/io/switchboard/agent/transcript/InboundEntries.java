package io.switchboard.agent.transcript;

import java.time.Instant;
import java.util.List;

import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.TranscriptEntry;
import io.switchboard.agent.live.FeedTypes;
import io.switchboard.events.CallDirection;
import io.switchboard.events.MessageRouted;

/**
 * The transcript entry of what routing forwarded: a message with its content, a reaction, an edit (an entry with
 * the new content; the original keeps its own and is marked edited) or an unsend (an entry, and the original marked
 * revoked). Runs in the caller's transaction.
 */
public final class InboundEntries {

    public static final String REACTION = "reaction";
    public static final String EDIT = "edit";
    public static final String REVOKE = "revoke";
    public static final String SYSTEM = "system";
    public static final String CALL = "call";
    public static final String CALL_PERMISSION = "call_permission";

    private InboundEntries() {
    }

    /** The entry for {@code event}, not yet persisted. */
    public static TranscriptEntry entry(MessageRouted event) {
        TranscriptEntry entry = new TranscriptEntry();
        entry.eventId = event.eventId();
        entry.conversationKey = event.conversationKey();
        entry.conversationId = event.conversationId();
        entry.direction = TranscriptEntry.INBOUND;
        entry.externalMessageId = event.externalMessageId();
        entry.refersTo = event.targetMessageId();
        entry.at = event.sentAt() == null ? event.occurredAt() : event.sentAt();
        entry.standby = event.standby();
        switch (event.kindOrMessage()) {
            case MESSAGE:
                entry.kind = event.content() == null || event.content().type() == null ? null
                        : event.content().type().wireName();
                entry.text = event.content() == null ? null : event.content().text();
                entry.content = StoredContent.of(event.content());
                break;
            case REACTION:
                entry.kind = REACTION;
                entry.text = event.reaction() == null ? null : event.reaction().emoji();
                entry.content = StoredContent.of(event.reaction());
                break;
            case EDIT:
                entry.kind = EDIT;
                entry.text = event.content() == null ? null : event.content().text();
                entry.content = StoredContent.of(event.content());
                break;
            case REVOCATION:
                entry.kind = REVOKE;
                break;
            case CALL:
                // Calls sit in the transcript in order with the messages (docs/channels.md §2.11).
                entry.kind = CALL;
                entry.content = StoredContent.of(event.call());
                break;
            case CALL_PERMISSION:
                entry.kind = CALL_PERMISSION;
                entry.content = StoredContent.of(event.callPermission());
                break;
        }
        return entry;
    }

    /** A system notice: the customer's identity changed and the conversation continues under {@code key}. */
    public static TranscriptEntry identityChanged(String eventId, String key, String conversationId, String reason,
            Instant at) {
        TranscriptEntry entry = new TranscriptEntry();
        entry.eventId = eventId;
        entry.conversationKey = key;
        entry.conversationId = conversationId;
        entry.direction = TranscriptEntry.INBOUND;
        entry.kind = SYSTEM;
        // Never the channel's notice text: it names the old and new phone numbers, which an erasure by the old
        // number would not find under the new key.
        entry.content = new StoredContent(null, null, new StoredContent.Notice("identity_changed", reason));
        entry.at = at;
        return entry;
    }

    /** The live feed item's type for {@code event}. */
    public static String feedType(MessageRouted event) {
        switch (event.kindOrMessage()) {
            case REACTION:
                return FeedTypes.MESSAGE_REACTED;
            case EDIT:
                return FeedTypes.MESSAGE_EDITED;
            case REVOCATION:
                return FeedTypes.MESSAGE_REVOKED;
            case CALL:
                return event.call() != null && event.call().outcome() == null ? FeedTypes.CALL_RECEIVED
                        : FeedTypes.CALL_ENDED;
            case CALL_PERMISSION:
                return FeedTypes.CALL_PERMISSION_ANSWERED;
            case MESSAGE:
            default:
                return FeedTypes.MESSAGE_RECEIVED;
        }
    }

    /**
     * Whether {@code event} is a new message or a call the customer made, from which the reply window counts
     * (reactions and edits do not; a customer's call opens the window like a message, docs/channels.md §2.11).
     */
    public static boolean customerWrote(MessageRouted event) {
        return event.kindOrMessage() == MessageRouted.Kind.MESSAGE || event.kindOrMessage() == MessageRouted.Kind.CALL
                && event.call() != null && event.call().direction() == CallDirection.USER_INITIATED;
    }

    /** Marks the message an edit or unsend is about (any episode of the conversation), if the transcript has it. */
    public static Uni<Void> markOriginal(TranscriptEntry entry) {
        if (entry.refersTo == null || !(EDIT.equals(entry.kind) || REVOKE.equals(entry.kind))) {
            return Uni.createFrom().voidItem();
        }
        Instant at = entry.at;
        return TranscriptEntry.<TranscriptEntry>list("conversationKey = ?1 and externalMessageId = ?2"
                + " and direction = ?3 and (kind is null or kind not in (?4))", entry.conversationKey, entry.refersTo,
                TranscriptEntry.INBOUND, List.of(REACTION, EDIT, REVOKE)).invoke(originals -> {
                    for (TranscriptEntry original : originals) {
                        if (EDIT.equals(entry.kind)) {
                            original.editedAt = at;
                        } else {
                            original.revokedAt = at;
                        }
                    }
                }).replaceWithVoid();
    }
}
