package io.switchboard.agent.notes;

import java.time.Instant;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An internal note as the API shows it.
 *
 * @param authorRole {@code agent}, {@code supervisor} or {@code admin}
 */
@Schema(example = NotesDocs.NOTE)
public record NoteDetails(long id, String conversationKey, String conversationId, String authorId,
        String authorRole, String text, Instant at) {

    static NoteDetails of(Note note) {
        return new NoteDetails(note.id, note.conversationKey, note.conversationId, note.authorId, note.authorRole,
                note.text, note.at);
    }
}
