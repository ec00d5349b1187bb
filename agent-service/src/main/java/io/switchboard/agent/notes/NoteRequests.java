package io.switchboard.agent.notes;

import java.util.List;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.messaging.http.ApiException;
import io.switchboard.messaging.http.Bounded;

/** Bodies of the notes and tags endpoints, and their bounds (docs/http-errors.md). */
public final class NoteRequests {

    public static final int MAX_TEXT = 4096;
    public static final int MAX_TAGS = 20;
    public static final int MAX_TAG = 64;

    private NoteRequests() {
    }

    @Schema(example = "{\"text\": \"Customer prefers a call back after 17:00; refund ticket R-1042.\"}")
    public record AddNote(@NotBlank @Bounded(max = MAX_TEXT) String text) {
    }

    @Schema(example = "{\"tags\": [\"refund\", \"vip\"]}")
    public record PutTags(@NotNull @Size(max = MAX_TAGS) List<@NotBlank @Bounded(max = MAX_TAG) String> tags) {
    }

    /** The Idempotency-Key a POST that creates needs, as the agents' actions take it. */
    static String key(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            throw ApiException.badRequest("idempotency_key_required",
                    "send an Idempotency-Key header (1-200 characters) that stays the same when the request is retried");
        }
        return key;
    }
}
