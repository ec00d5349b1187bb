package io.switchboard.agent.notes;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import io.switchboard.agent.conversation.ActionIds;
import io.switchboard.agent.conversation.ConversationView;
import io.switchboard.agent.conversation.IdempotencyKeys;
import io.switchboard.agent.customer.ConversationAccess;
import io.switchboard.messaging.http.ApiException;

/**
 * Notes and tags of a conversation's current episode, for the agent it is assigned to ({@code agentId}) or a
 * supervisor ({@code agentId} null; {@code author} is then the supervisor). A note's Idempotency-Key is claimed like
 * an action's ({@link IdempotencyKeys}), so a retried POST answers the note it made and adds none.
 */
@ApplicationScoped
public class NotesService {

    /** The label of a note's Idempotency-Key (a key used for another kind of request is refused). */
    static final String NOTE_ADDED = "switchboard.note.added";

    private final IdempotencyKeys keys;

    public NotesService(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @WithTransaction
    public Uni<NoteDetails> add(String agentId, String author, String authorRole, String conversationKey, String key,
            NoteRequests.AddNote body) {
        String eventId = ActionIds.eventId(author, key);
        return ConversationAccess.forCaller(agentId, conversationKey).flatMap(view -> keys.claim(author, key,
                NOTE_ADDED, conversationKey).flatMap(claimed -> claimed ? create(view, eventId, author, authorRole,
                        body.text()) : Note.<Note>find("eventId", eventId).firstResult().map(existing -> {
                            if (existing == null) {
                                // The key's note is gone (erased or aged out): the key is not reused for a new one.
                                throw ApiException.conflict("idempotency_key_reused",
                                        "Idempotency-Key " + key + " was already used");
                            }
                            return NoteDetails.of(existing);
                        })));
    }

    @WithSession
    public Uni<List<NoteDetails>> notes(String agentId, String conversationKey) {
        return ConversationAccess.forCaller(agentId, conversationKey)
                .flatMap(view -> episodeNotes(view.conversationKey, view.conversationId));
    }

    @WithTransaction
    public Uni<TagsDetails> putTags(String agentId, String author, String conversationKey,
            NoteRequests.PutTags body) {
        List<String> tags = new ArrayList<>(new LinkedHashSet<>(body.tags().stream().map(String::strip).toList()));
        return ConversationAccess.forCaller(agentId, conversationKey).flatMap(view -> ConversationTags
                .<ConversationTags>findById(view.conversationId).flatMap(existing -> {
                    ConversationTags row = existing != null ? existing : new ConversationTags();
                    row.conversationId = view.conversationId;
                    row.conversationKey = view.conversationKey;
                    row.tags = new ConversationTags.TagList(tags);
                    row.updatedBy = author;
                    row.updatedAt = Instant.now();
                    return (existing == null ? row.persist().replaceWith(row) : Uni.createFrom().item(row))
                            .map(saved -> details(view.conversationKey, view.conversationId, saved));
                }));
    }

    @WithSession
    public Uni<TagsDetails> tags(String agentId, String conversationKey) {
        return ConversationAccess.forCaller(agentId, conversationKey)
                .flatMap(view -> episodeTags(view.conversationKey, view.conversationId));
    }

    /** An episode's notes, oldest first, in the caller's session (conversation details, history). */
    public static Uni<List<NoteDetails>> episodeNotes(String conversationKey, String conversationId) {
        return Note.<Note>list("conversationKey = ?1 and conversationId = ?2 order by id", conversationKey,
                conversationId).map(notes -> notes.stream().map(NoteDetails::of).toList());
    }

    /** An episode's tags, in the caller's session. */
    public static Uni<TagsDetails> episodeTags(String conversationKey, String conversationId) {
        return ConversationTags.<ConversationTags>findById(conversationId)
                .map(row -> details(conversationKey, conversationId, row));
    }

    private static Uni<NoteDetails> create(ConversationView view, String eventId, String author, String authorRole,
            String text) {
        Note note = new Note();
        note.eventId = eventId;
        note.conversationKey = view.conversationKey;
        note.conversationId = view.conversationId;
        note.authorId = author;
        note.authorRole = authorRole;
        note.text = text;
        note.at = Instant.now();
        return note.persist().map(ignored -> NoteDetails.of(note));
    }

    private static TagsDetails details(String conversationKey, String conversationId, ConversationTags row) {
        return row == null || !row.conversationKey.equals(conversationKey)
                ? new TagsDetails(conversationKey, conversationId, List.of(), null, null)
                : new TagsDetails(conversationKey, conversationId, List.copyOf(row.tags.tags()), row.updatedBy,
                        row.updatedAt);
    }
}
