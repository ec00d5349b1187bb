package io.switchboard.agent.notes;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A conversation episode's tags; {@code updatedBy} and {@code updatedAt} are null while it has none. */
@Schema(example = NotesDocs.TAGS)
public record TagsDetails(String conversationKey, String conversationId, List<String> tags, String updatedBy,
        Instant updatedAt) {
}
