package io.switchboard.agent.canned;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.messaging.http.Bounded;

/**
 * A canned reply as supervisors write it (docs/http-errors.md has the bounds).
 *
 * @param queueId only for this queue (omit: every queue)
 * @param channel only for this channel (omit: every channel)
 */
@Schema(example = CannedDocs.REQUEST)
public record CannedReplyRequest(@NotBlank @Bounded(max = 200) String title,
        @NotBlank @Bounded(max = 4096) String text, @Bounded(max = 128) String queueId,
        @Pattern(regexp = "whatsapp|messenger|instagram|custom", message = "must be whatsapp, messenger, instagram or custom")
        String channel) {
}
