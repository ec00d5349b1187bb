package io.switchboard.agent.conversation;

import java.time.Instant;
import java.util.List;

import io.switchboard.agent.notes.NoteDetails;
import io.switchboard.agent.transcript.EntryContent;
import io.switchboard.agent.transcript.MediaLinks;
import io.switchboard.agent.transcript.StoredContent;
import io.switchboard.events.MessageRouted;

/**
 * A conversation as its agent sees it, with its transcript (oldest first), and the current episode's internal
 * notes and tags (never sent to the customer; notes package).
 */
public record ConversationDetails(String conversationKey, String conversationId, String channel,
        String channelAccountId, String agentId, String queueId, boolean open, Instant lastCustomerMessageAt,
        List<Message> transcript, String threadOwner, List<NoteDetails> notes, List<String> tags) {

    /** {@code threadOwner} of a thread Switchboard controls (every channel but a Messenger or Instagram thread another app has). */
    public static final String SWITCHBOARD = "switchboard";

    /** With the episode's notes and tags. */
    public ConversationDetails withNotes(List<NoteDetails> episodeNotes, List<String> episodeTags) {
        return new ConversationDetails(conversationKey, conversationId, channel, channelAccountId, agentId, queueId,
                open, lastCustomerMessageAt, transcript, threadOwner, episodeNotes, episodeTags);
    }

    /**
     * One transcript entry (docs/agent-api.md, Transcript entries).
     *
     * @param direction         {@code inbound} (the customer's, and system notices) or {@code outbound} (the
     *                          agent's reply)
     * @param kind              inbound: the message type ({@code text}, {@code image}, {@code location} …),
     *                          {@code reaction}, {@code edit}, {@code revoke} or {@code system}; outbound:
     *                          {@code text}, {@code media}, {@code template}
     * @param status            a reply's delivery: {@code pending}, {@code retrying}, {@code accepted}, {@code sent},
     *                          {@code delivered}, {@code read}, {@code played} or {@code failed}; null for inbound
     * @param statusReason      why it failed or is retried
     * @param externalMessageId the channel's id of the message (what reactions, edits, unsends and quotes name)
     * @param refersTo          the channel's id of the message a reaction, edit or unsend is about
     * @param content           a message's or an edit's content, media linked through agent-service
     * @param reaction          a reaction's emoji, or its removal
     * @param notice            a system notice
     * @param editedAt          the customer edited this message later (the edit is its own entry)
     * @param revokedAt         the customer deleted (unsent) this message
     * @param standby           the customer wrote while another app controlled the thread (Meta's handover protocol)
     */
    public record Message(String eventId, String direction, String kind, String text, String agentId, Instant at,
            String status, String statusReason, String externalMessageId, String refersTo, EntryContent content,
            MessageRouted.Reaction reaction, StoredContent.Notice notice, Instant editedAt, Instant revokedAt,
            boolean standby, MessageRouted.Call call, MessageRouted.CallPermission callPermission) {

        /** As the agent gets it: media linked under {@code /me/conversations}. */
        public static Message of(TranscriptEntry entry) {
            return of(entry, MediaLinks.AGENT_BASE);
        }

        public static Message of(TranscriptEntry entry, String mediaBase) {
            StoredContent stored = entry.content;
            return new Message(entry.eventId, entry.direction, entry.kind, entry.text, entry.agentId, entry.at,
                    entry.deliveryStatus, entry.deliveryReason, entry.externalMessageId, entry.refersTo,
                    stored == null ? null : EntryContent.of(stored.message(), mediaBase, entry.conversationKey),
                    stored == null ? null : stored.reaction(), stored == null ? null : stored.notice(),
                    entry.editedAt, entry.revokedAt, entry.standby, stored == null ? null : stored.call(),
                    stored == null ? null : stored.callPermission());
        }
    }

    /** With media linked under {@code mediaBase} ({@link MediaLinks}: the agent's or the supervisors' path). */
    static ConversationDetails of(ConversationView view, List<TranscriptEntry> transcript, String mediaBase) {
        return new ConversationDetails(view.conversationKey, view.conversationId, view.channel.wireName(),
                view.channelAccountId, view.agentId, view.queueId, view.open, view.lastCustomerMessageAt,
                transcript.stream().map(entry -> Message.of(entry, mediaBase)).toList(),
                view.threadOwner == null ? SWITCHBOARD : view.threadOwner, List.of(), List.of());
    }
}
