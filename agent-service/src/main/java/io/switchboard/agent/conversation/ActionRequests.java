package io.switchboard.agent.conversation;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import io.switchboard.messaging.http.Bounded;

/** Bodies of the agents' actions. */
public final class ActionRequests {

    private ActionRequests() {
    }

    /** @param reason why ({@code busy}, {@code wrong_skill}, or the agent's words) */
    public record Decline(@Bounded(max = 500) String reason) {
    }

    /** @param disposition the outcome code ({@code solved}, {@code follow_up}, {@code spam}) */
    public record Resolve(@NotBlank @Bounded(max = 64) String disposition, @Bounded(max = 500) String reason) {
    }

    /** To another agent ({@code toAgentId}) or a queue ({@code toQueueId}); one of the two is required. */
    public record Transfer(@Bounded(max = 128) String toAgentId, @Bounded(max = 128) String toQueueId,
            @NotBlank @Bounded(max = 500) String reason) {
    }

    /**
     * A reply: {@code text}, {@code media} by https link, or a {@code template} (the only kind a closed window
     * allows).
     */
    public record Reply(@NotNull @Pattern(regexp = "text|media|template", message = "must be text, media or template")
            String kind, @Bounded(max = 4096) String text, @Valid Media media, @Valid Template template) {
    }

    public record Media(@NotNull @Pattern(regexp = "image|video|audio|document|sticker|file") String kind,
            @NotNull @Bounded(max = 2048) @Pattern(regexp = "https://\\S+", message = "must be an https link")
            String url,
            @Bounded(max = 1024) String caption, @Bounded(max = 255) String filename) {
    }

    /** @param parameters the body's text parameters, in order */
    public record Template(@NotBlank @Bounded(max = 512) String name, @NotBlank @Bounded(max = 32) String language,
            @Size(max = 20) List<@NotNull @Bounded(max = 1024) String> parameters) {
    }
}
