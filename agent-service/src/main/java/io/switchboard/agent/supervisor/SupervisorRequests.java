package io.switchboard.agent.supervisor;

import jakarta.validation.constraints.NotBlank;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.switchboard.messaging.http.Bounded;

/** Bodies of the supervisors' actions on any conversation. */
public final class SupervisorRequests {

    private SupervisorRequests() {
    }

    @Schema(example = "{\"agentId\": \"ana\", \"reason\": \"VIP customer, Ana knows the case\"}")
    public record Assignment(@NotBlank @Bounded(max = 128) String agentId, @NotBlank @Bounded(max = 500) String reason) {
    }

    /** To an agent ({@code agentId}) or a queue ({@code queueId}): exactly one. */
    @Schema(example = "{\"queueId\": \"billing\", \"reason\": \"billing question\"}")
    public record Transfer(@Bounded(max = 128) String agentId, @Bounded(max = 128) String queueId,
            @NotBlank @Bounded(max = 500) String reason) {
    }

    @Schema(example = "{\"reason\": \"spam\"}")
    public record Close(@NotBlank @Bounded(max = 500) String reason) {
    }
}
